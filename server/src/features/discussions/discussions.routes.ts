import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database';
import { type Actor, canReadThreads } from '../../policy/policy';
import type { RoomDecision } from '../../policy/rooms';
import { findMembership } from '../spaces/memberships.queries';
import { isUuid, spaceFacts } from '../spaces/spaces.access';
import { findSpaceById } from '../spaces/spaces.queries';
import { type DiscussionsDeps, silentTransaction } from './discussions.deps';
import type { RateCheck } from './discussions.http';
import { createDiscussionsMailer } from './discussions.mail';
import { notificationsRoutes } from './notifications.routes';
import { postsRoutes } from './posts.routes';
import { findThread } from './threads.queries';
import { threadsRoutes } from './threads.routes';

export interface DiscussionsRoutesOptions {
  /** Base of the links in mails. */
  publicUrl: string;
  /** Posts (and new threads) one person may publish per minute; beyond → 429 `rate_limited`. */
  postsPerMinute?: number;
}

/** Who may read the live room `thread:<id>`: whoever may read the thread over HTTP. */
export async function canReadThreadRoom(db: Db, actor: Actor, threadId: string): Promise<RoomDecision> {
  const thread = isUuid(threadId) ? await findThread(db, threadId, null) : undefined;
  const space = thread && (await findSpaceById(db, thread.space_id));
  if (!space) return { readable: false, spaceId: null };
  const row = actor ? await findMembership(db, space.id, actor.id) : undefined;
  const membership = row ? { userId: row.user_id, role: row.role, status: row.status } : null;
  return { readable: canReadThreads(actor, spaceFacts(space), membership), spaceId: space.id };
}

/**
 * Threads, posts, reactions, read positions, follows and notifications. Changes run in one
 * transaction with their realtime events (`app.realtime.transaction`) and their mail.
 */
export const discussionsRoutes: FastifyPluginAsyncZod<DiscussionsRoutesOptions> = async (app, options) => {
  const hasRealtime = app.hasDecorator('realtime');
  const deps: DiscussionsDeps = {
    db: app.db,
    transaction: hasRealtime ? app.realtime.transaction : silentTransaction(app.db),
    mailer: createDiscussionsMailer(app.mail, options.publicUrl),
  };
  if (hasRealtime) app.realtime.registerRoomKind('thread', (actor, id) => canReadThreadRoom(app.db, actor, id));

  // Counted per person (the routes need a session), in Redis when several processes run.
  const postLimit: RateCheck | null = app.hasDecorator('createRateLimit')
    ? app.createRateLimit({
        max: options.postsPerMinute ?? 30,
        timeWindow: 60_000,
        keyGenerator: (request: FastifyRequest) => `posts:${request.auth?.user.id ?? request.ip}`,
      })
    : null;

  await app.register(threadsRoutes, { deps, postLimit });
  await app.register(postsRoutes, { deps, postLimit });
  await app.register(notificationsRoutes, { deps });
};
