import type { UnreadSummary } from '@atelier/contract';
import { authorize } from '../../core/authorize';
import { isUuid } from '../../core/ids';
import { notFound, unauthenticated } from '../../errors';
import { type Actor, canTrackThread } from '../../policy/policy';
import { loadSpaceContext } from '../spaces/spaces.access';
import { loadThreadContext } from './discussions.access';
import type { DiscussionsDeps } from './discussions.deps';
import { advanceReadPosition, findPostNumber, markSpaceRead, unreadBySpace } from './reads.queries';

/**
 * `POST /threads/:id/read`: the caller has seen this thread up to `lastReadPostId`. The post
 * must belong to that very thread, so reading one thread never marks another; the position
 * only moves forward, so a late request from another tab cannot bring posts back to unread.
 */
export async function markThreadRead(
  deps: DiscussionsDeps,
  input: { actor: Actor; threadId: string; lastReadPostId: string },
) {
  const context = await loadThreadContext(deps.db, input.threadId, input.actor);
  authorize(context, canTrackThread(context.actor, context.facts, context.membership));
  const userId = context.actor?.id;
  if (!userId) throw unauthenticated();
  const post = isUuid(input.lastReadPostId)
    ? await findPostNumber(deps.db, context.thread.id, input.lastReadPostId)
    : undefined;
  if (!post) throw notFound('post in this thread');
  await advanceReadPosition(deps.db, { userId, threadId: context.thread.id, number: post.number });
}

/** `POST /spaces/:slug/read-all`: "tout marquer comme lu" for every thread of the space. */
export async function markSpaceAllRead(deps: DiscussionsDeps, input: { actor: Actor; slug: string }) {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canTrackThread(context.actor, context.facts, context.membership));
  const userId = context.actor?.id;
  if (!userId) throw unauthenticated();
  await markSpaceRead(deps.db, { userId, spaceId: context.space.id });
}

/** `GET /me/unread`: unread posts in every space the caller actively belongs to (0 included). */
export async function unreadSummary(deps: DiscussionsDeps, input: { actor: Actor }): Promise<UnreadSummary> {
  if (!input.actor) throw unauthenticated();
  const counts = await unreadBySpace(deps.db, input.actor.id);
  return { spaces: counts.map((row) => ({ spaceId: row.space_id, unreadCount: Number(row.unread_count) })) };
}
