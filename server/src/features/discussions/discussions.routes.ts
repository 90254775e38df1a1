import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { type Actor, canReadThreads } from '../../policy/policy';
import type { RoomDecision } from '../../policy/rooms';
import { findMembership } from '../spaces/memberships.queries';
import { spaceFacts } from '../spaces/spaces.access';
import { findSpaceById } from '../spaces/spaces.queries';
import type { DiscussionsDeps } from './discussions.deps';
import { createDiscussionsMailer } from './discussions.mail';
import { notificationsRoutes } from './notifications.routes';
import { postsRoutes } from './posts.routes';
import { findThread } from './threads.queries';
import { threadsRoutes } from './threads.routes';

export interface DiscussionsRoutesOptions {
  /** Base of the links in mails. */
  publicUrl: string;
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
  const deps: DiscussionsDeps = {
    db: app.db,
    transaction: app.realtime.transaction,
    mailer: createDiscussionsMailer(app.mail, options.publicUrl),
  };
  app.realtime.registerRoomKind('thread', (actor, id) => canReadThreadRoom(app.db, actor, id));

  await app.register(threadsRoutes, { deps });
  await app.register(postsRoutes, { deps });
  await app.register(notificationsRoutes, { deps });
};
