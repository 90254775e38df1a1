import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { AppError, notFound } from '../../errors';
import { type Actor, canListSpace } from '../../policy/policy';
import { findSpaceContext, type SpaceContext, spaceFacts, toMembershipFacts } from '../spaces/spaces.access';
import { findPost, type PostRecord } from './posts.queries';
import { findThread, findThreadWithSpace, type ThreadRecord } from './threads.queries';

/**
 * The contexts of discussion requests: the thread (or post), its space's facts and the actor's
 * membership. A thread or post of a space the actor may not know of reads as unknown (404)
 * through `authorize`, like one that does not exist.
 */
export interface ThreadContext extends SpaceContext {
  thread: ThreadRecord;
}

export interface PostContext extends ThreadContext {
  post: PostRecord;
}

/** The thread and its space's context, or null for an unknown thread (or a malformed id). */
export async function findThreadContext(db: Db, threadId: string, actor: Actor): Promise<ThreadContext | null> {
  const thread = isUuid(threadId) ? await findThread(db, threadId, actor?.id ?? null) : undefined;
  const space = thread && (await findSpaceContext(db, { id: thread.space_id }, actor));
  return space ? { ...space, thread, subject: 'thread' } : null;
}

/** `findThreadContext`, with unknown threads → 404. */
export async function loadThreadContext(db: Db, threadId: string, actor: Actor): Promise<ThreadContext> {
  const context = await findThreadContext(db, threadId, actor);
  if (!context) throw notFound('thread');
  return context;
}

/** A thread to write in: its space's context and what posting needs of it, in one query; unknown → 404. */
export async function loadThreadForWriting(db: Db, threadId: string, actor: Actor) {
  const row = isUuid(threadId) ? await findThreadWithSpace(db, threadId, actor?.id ?? null) : undefined;
  if (!row) throw notFound('thread');
  const { thread_id, thread_title, thread_locked, member_id, member_role, member_status, ...space } = row;
  const membership = toMembershipFacts(
    member_id && member_role && member_status ? { user_id: member_id, role: member_role, status: member_status } : null,
  );
  const facts = spaceFacts(space);
  return {
    actor,
    space,
    facts,
    membership,
    known: canListSpace(actor, facts, membership),
    subject: 'thread',
    thread: { id: thread_id, title: thread_title, locked: thread_locked },
  } satisfies SpaceContext & { thread: unknown };
}

/** The post, its thread and its space's context; unknown posts → 404. */
export async function loadPostContext(db: Db, postId: string, actor: Actor): Promise<PostContext> {
  const post = isUuid(postId) ? await findPost(db, postId) : undefined;
  const thread = post && (await findThreadContext(db, post.thread_id, actor));
  if (!thread) throw notFound('post');
  return { ...thread, post, subject: 'post' };
}

export const threadLocked = () => new AppError('thread_locked', 'this thread is locked');
export const postDeleted = () => new AppError('conflict', 'this post was deleted');
