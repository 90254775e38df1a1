import type { PersonWithAvatar, Post, PostRevision, ReactionEmoji, ReactionSummary } from '@atelier/contract';
import { rooms } from '@atelier/contract';
import { authorize } from '../../core/authorize';
import { type IdempotencyRequest, idempotent } from '../../core/idempotency';
import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { AppError, notFound } from '../../errors';
import type { Publish } from '../../plugins/realtime/types';
import {
  type Actor,
  canDeletePost,
  canEditPost,
  canPostInSpace,
  canReactToPost,
  canSeePostHistory,
} from '../../policy/policy';
import { findActiveMembersNamed } from '../spaces/memberships.queries';
import { webhookEvents } from '../webhooks/webhooks.content';
import { queueWebhooks } from '../webhooks/webhooks.service';
import { loadPostContext, loadThreadForWriting, postDeleted, threadLocked } from './discussions.access';
import { reactionsByPost, toPost } from './discussions.content';
import type { DiscussionsDeps } from './discussions.deps';
import {
  addReaction,
  findPost,
  insertPostInThread,
  listRevisions as listRevisionRows,
  lockPost,
  removeReaction,
  replacePostBody,
  softDeletePost,
} from './posts.queries';
import { findMentions, namesAfterAt, sanitizePostBody } from './sanitize';
import { lockThread, recordDeletedPost } from './threads.queries';

/** Reply and quote targets must be posts of the same thread; anything else is bad input. */
async function checkTarget(trx: Db, threadId: string, postId: string | undefined, field: string) {
  if (!postId) return null;
  // A malformed id is checked before querying: a failed query would abort the transaction.
  const target = isUuid(postId) ? await findPost(trx, postId) : undefined;
  if (!target || target.thread_id !== threadId) {
    throw new AppError('invalid_input', `${field} must name a post of this thread`, {
      [`body.${field}`]: ['not a post of this thread'],
    });
  }
  return target;
}

/** The members a body names with `@`: only the names it writes are looked up. */
async function resolveMentions(trx: Db, spaceId: string, body: string, authorId: string) {
  const named = await findActiveMembersNamed(trx, spaceId, namesAfterAt(body));
  return findMentions(
    body,
    named.filter((person) => person.id !== authorId),
  );
}

/**
 * Adds a post to a thread, in the caller's transaction: the post, its number and the author's
 * follow in one statement, its announcement in the thread's and the space's rooms in another,
 * and the job that tells whoever should hear of it. A post with neither mention nor reply costs
 * those three statements whatever the size of the space. Throws `thread_locked` when the thread
 * is locked.
 */
export async function writePost(
  trx: Db,
  publish: Publish,
  jobs: DiscussionsDeps['jobs'],
  input: {
    spaceId: string;
    threadId: string;
    author: PersonWithAvatar;
    body: string;
    replyToId?: string | undefined;
    quotePostId?: string | undefined;
  },
): Promise<Post> {
  const { threadId, author, body } = input;
  const replyTo = await checkTarget(trx, threadId, input.replyToId, 'replyToId');
  await checkTarget(trx, threadId, input.quotePostId, 'quotePostId');
  const mentioned = body.includes('@') ? await resolveMentions(trx, input.spaceId, body, author.id) : [];
  const row = await insertPostInThread(trx, {
    threadId,
    authorId: author.id,
    body,
    replyToId: replyTo?.id ?? null,
    quotePostId: input.quotePostId ?? null,
    mentions: mentioned.map((person) => person.id),
  });
  if (!row) throw threadLocked();
  // A new post has no reactions yet: it is shaped here rather than read back.
  const post: Post = {
    id: row.id,
    threadId,
    author,
    body,
    createdAt: row.created_at.toISOString(),
    editedAt: null,
    deletedAt: null,
    replyToId: replyTo?.id ?? null,
    quotePostId: input.quotePostId ?? null,
    reactions: [],
    mentions: mentioned.map(({ id, displayName }) => ({ id, displayName })),
  };
  await publish([rooms.thread(threadId), rooms.space(input.spaceId)], 'post.created', { post });
  await queueWebhooks(trx, { spaceId: input.spaceId }, webhookEvents.postCreated(post));
  await jobs.enqueue(trx, 'discussions.notify', {
    postId: row.id,
    mentionedIds: mentioned.map((person) => person.id),
    repliedToAuthorId: replyTo?.author_id ?? null,
  });
  return post;
}

/** `POST /threads/:id/posts`: members (and admins) of the space, not in locked threads. */
export async function createPost(
  deps: DiscussionsDeps,
  input: {
    actor: Actor;
    /** The signed-in person's name as the session gave it (the author shown with the post). */
    displayName: string;
    /** The signed-in person's picture as the session gave it (`avatarUrl`). */
    avatarUrl: string | null;
    threadId: string;
    body: { body: string; replyToId?: string | undefined; quotePostId?: string | undefined };
    idempotencyKey?: string | undefined;
  },
): Promise<{ post: Post }> {
  const context = await loadThreadForWriting(deps.db, input.threadId, input.actor);
  authorize(context, canPostInSpace(context.actor, context.facts, context.membership));
  const actor = context.actor;
  if (!actor) throw new Error('unreachable: the policy lets no anonymous visitor post');
  if (context.thread.locked) throw threadLocked();
  const body = sanitizePostBody(input.body.body);
  const key: IdempotencyRequest | null = input.idempotencyKey
    ? { userId: actor.id, key: input.idempotencyKey, route: `POST /threads/${context.thread.id}/posts` }
    : null;
  return deps.transaction((trx, publish) =>
    idempotent(trx, key, async () => ({
      post: await writePost(trx, publish, deps.jobs, {
        spaceId: context.space.id,
        threadId: context.thread.id,
        author: { id: actor.id, displayName: input.displayName, avatarUrl: input.avatarUrl },
        body,
        replyToId: input.body.replyToId,
        quotePostId: input.body.quotePostId,
      }),
    })),
  );
}

/** `PATCH /posts/:id`: the author rewrites; the previous body becomes a revision. */
export async function editPost(
  deps: DiscussionsDeps,
  input: { actor: Actor; postId: string; body: string },
): Promise<{ post: Post }> {
  const context = await loadPostContext(deps.db, input.postId, input.actor);
  authorize(
    context,
    canEditPost(context.actor, context.facts, context.membership, { authorId: context.post.author_id }),
  );
  const actorId = context.post.author_id;
  const body = sanitizePostBody(input.body);
  const mentions = (await resolveMentions(deps.db, context.space.id, body, actorId)).map((person) => person.id);
  return deps.transaction(async (trx, publish) => {
    const current = await lockPost(trx, context.post.id);
    if (!current) throw notFound('post');
    if (current.deleted_at) throw postDeleted();
    if (context.thread.locked) throw threadLocked();
    if (current.body !== body) {
      await replacePostBody(
        trx,
        { id: current.id, body: current.body, writtenAt: current.edited_at ?? current.created_at },
        { body, mentions, editedBy: actorId },
      );
    }
    const row = await findPost(trx, current.id);
    if (!row) throw notFound('post');
    const post = await toPost(trx, row, actorId);
    // A hidden post's new body goes to its author only, not to the thread's room.
    const broadcast = row.hidden_at ? await toPost(trx, row, null) : post;
    if (current.body !== body) await publish(rooms.thread(context.thread.id), 'post.updated', { post: broadcast });
    return { post };
  });
}

/** `DELETE /posts/:id`: the author or a moderator; the place stays, the words go. Idempotent. */
export async function deletePost(deps: DiscussionsDeps, input: { actor: Actor; postId: string }) {
  const context = await loadPostContext(deps.db, input.postId, input.actor);
  authorize(
    context,
    canDeletePost(context.actor, context.facts, context.membership, { authorId: context.post.author_id }),
  );
  const actorId = context.actor?.id;
  if (!actorId) throw new Error('unreachable: the policy lets no anonymous visitor delete');
  await deps.transaction((trx, publish) =>
    removePost(trx, publish, {
      spaceId: context.space.id,
      threadId: context.thread.id,
      postId: context.post.id,
      deletedBy: actorId,
    }),
  );
}

/**
 * The deletion itself, in the caller's transaction (a moderation decision deletes this way
 * too): the body and history go, the thread's counts follow, readers are told. Nothing
 * happens to a post already deleted.
 */
export async function removePost(
  trx: Db,
  publish: Publish,
  input: { spaceId: string; threadId: string; postId: string; deletedBy: string },
) {
  await lockThread(trx, input.threadId);
  const current = await lockPost(trx, input.postId);
  if (!current || current.deleted_at) return;
  await softDeletePost(trx, current.id, input.deletedBy);
  await recordDeletedPost(trx, input.threadId);
  const row = await findPost(trx, current.id);
  if (!row) return;
  const post = await toPost(trx, row, null);
  await publish([rooms.thread(input.threadId), rooms.space(input.spaceId)], 'post.deleted', { post });
}

/** `GET /posts/:id/revisions`: earlier bodies, newest first; a deleted post keeps none. */
export async function listRevisions(
  deps: DiscussionsDeps,
  input: { actor: Actor; postId: string },
): Promise<{ items: PostRevision[] }> {
  const context = await loadPostContext(deps.db, input.postId, input.actor);
  authorize(context, canSeePostHistory(context.actor, context.facts, context.membership));
  const rows = await listRevisionRows(deps.db, context.post.id);
  return {
    items: rows.map((row) => ({
      id: row.id,
      body: row.body,
      createdAt: new Date(row.written_at).toISOString(),
      replacedAt: new Date(row.replaced_at).toISOString(),
    })),
  };
}

/** `PUT|DELETE /posts/:id/reactions/:emoji`: sets or clears one's reaction; repeating changes nothing. */
export async function setReaction(
  deps: DiscussionsDeps,
  input: { actor: Actor; postId: string; emoji: ReactionEmoji; on: boolean },
): Promise<{ reactions: ReactionSummary[] }> {
  const context = await loadPostContext(deps.db, input.postId, input.actor);
  authorize(context, canReactToPost(context.actor, context.facts, context.membership));
  const userId = context.actor?.id;
  if (!userId) throw new Error('unreachable: the policy lets no anonymous visitor react');
  if (context.post.deleted_at) throw postDeleted();
  return deps.transaction(async (trx, publish) => {
    const target = { postId: context.post.id, userId, emoji: input.emoji };
    const changed = input.on ? await addReaction(trx, target) : await removeReaction(trx, target);
    const mine = (await reactionsByPost(trx, [context.post.id], userId)).get(context.post.id) ?? [];
    if (changed) {
      await publish(rooms.thread(context.thread.id), 'reaction.changed', {
        postId: context.post.id,
        threadId: context.thread.id,
        userId,
        emoji: input.emoji,
        added: input.on,
        reactions: mine.map((reaction) => ({ ...reaction, mine: false })),
      });
    }
    return { reactions: mine };
  });
}
