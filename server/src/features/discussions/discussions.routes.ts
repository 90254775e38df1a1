import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DiscussionsDeps } from './discussions.deps';
import { createDiscussionsMailer, type DiscussionsMailOptions } from './discussions.mail';
import { canReadThreadRoom } from './discussions.realtime';
import { notificationsRoutes } from './notifications.routes';
import { notifyNewPost } from './notifications.service';
import { sendPendingMails } from './post-mails.service';
import { postsRoutes } from './posts.routes';
import { threadsRoutes } from './threads.routes';

export type DiscussionsRoutesOptions = DiscussionsMailOptions;

/**
 * Threads, posts, reactions, read positions, follows and notifications. Changes run in one
 * transaction with their realtime events (`app.realtime.transaction`) and their mail.
 */
export const discussionsRoutes: FastifyPluginAsyncZod<DiscussionsRoutesOptions> = async (app, options) => {
  const deps: DiscussionsDeps = {
    db: app.db,
    transaction: app.realtime.transaction,
    mailer: createDiscussionsMailer(app.mail, options),
    jobs: app.jobs,
  };
  app.jobs.work('discussions.notify', (job) => notifyNewPost(deps, job.data), {
    attempts: 5,
    retryDelaySeconds: 10,
    expireInSeconds: 300,
  });
  app.jobs.work('discussions.mail', (job) => sendPendingMails(deps, job.data.userId), {
    attempts: 5,
    retryDelaySeconds: 30,
    expireInSeconds: 300,
  });
  app.realtime.registerRoomKind('thread', (actor, id) => canReadThreadRoom(app.db, actor, id));

  await app.register(threadsRoutes, { deps });
  await app.register(postsRoutes, { deps });
  await app.register(notificationsRoutes, { deps });
};
