import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { AppError, forbidden, notFound, unauthenticated } from '../../errors';
import { type Actor, canListSpace, type MembershipFacts, type SpaceFacts } from '../../policy/policy';
import { findMembership } from '../spaces/memberships.queries';
import { loadSpaceContext, type SpaceContext, spaceFacts } from '../spaces/spaces.access';
import { findSpaceById, type SpaceRecord } from '../spaces/spaces.queries';
import { findPost, type PostRecord } from './posts.queries';
import { findThread, type ThreadRecord } from './threads.queries';

export type { SpaceContext };
export { loadSpaceContext };

export interface ThreadContext extends SpaceContext {
  thread: ThreadRecord;
}

export interface PostContext extends ThreadContext {
  post: PostRecord;
}

async function spaceContextById(db: Db, spaceId: string, actor: Actor): Promise<SpaceContext> {
  const space: SpaceRecord | undefined = await findSpaceById(db, spaceId);
  if (!space) throw notFound('space');
  const row = actor ? await findMembership(db, space.id, actor.id) : undefined;
  const membership: MembershipFacts = row ? { userId: row.user_id, role: row.role, status: row.status } : null;
  return { actor, space, facts: spaceFacts(space), membership };
}

/** The thread, its space and the actor's membership; unknown ids → 404. */
export async function loadThreadContext(db: Db, threadId: string, actor: Actor): Promise<ThreadContext> {
  if (!isUuid(threadId)) throw notFound('thread');
  const thread = await findThread(db, threadId, actor?.id ?? null);
  if (!thread) throw notFound('thread');
  return { ...(await spaceContextById(db, thread.space_id, actor)), thread };
}

export async function loadPostContext(db: Db, postId: string, actor: Actor): Promise<PostContext> {
  if (!isUuid(postId)) throw notFound('post');
  const post = await findPost(db, postId);
  if (!post) throw notFound('post');
  return { ...(await loadThreadContext(db, post.thread_id, actor)), post };
}

/**
 * Turns a policy answer into the API's answer: a thread in a space the actor may not know of
 * is 404 like an unknown one, so private spaces leak nothing; anonymous visitors get 401,
 * anyone else 403.
 */
export function ensure(context: { actor: Actor; facts: SpaceFacts; membership: MembershipFacts }, allowed: boolean) {
  if (!canListSpace(context.actor, context.facts, context.membership)) throw notFound('thread');
  if (allowed) return;
  throw context.actor ? forbidden() : unauthenticated();
}

export const threadLocked = () => new AppError('thread_locked', 'this thread is locked');
export const postDeleted = () => new AppError('conflict', 'this post was deleted');
