import type { Post, Thread, ThreadCreateBody, ThreadDetail, ThreadList, ThreadUpdateBody } from '@atelier/contract';
import { rooms } from '@atelier/contract';
import { z } from 'zod';
import { authorize } from '../../core/authorize';
import { decodeCursor, pageOf } from '../../core/cursors';
import { type IdempotencyRequest, idempotent } from '../../core/idempotency';
import { isUuid } from '../../core/ids';
import { notFound } from '../../errors';
import { canSeeHiddenPost } from '../../policy/moderation.policy';
import { type Actor, canModerateThreads, canPostInSpace, canReadThreads, canTrackThread } from '../../policy/policy';
import { loadSpaceContext } from '../spaces/spaces.access';
import { webhookEvents } from '../webhooks/webhooks.content';
import { queueWebhooks } from '../webhooks/webhooks.service';
import { loadThreadContext } from './discussions.access';
import { toPosts, toThread } from './discussions.content';
import type { DiscussionsDeps } from './discussions.deps';
import { listPosts } from './posts.queries';
import { writePost } from './posts.service';
import { findReadPosition, firstUnreadPost } from './reads.queries';
import { sanitizePostBody } from './sanitize';
import {
  findThread,
  insertThread,
  listThreads as listThreadRows,
  lockThread,
  setFollow,
  type ThreadCursor,
  updateThread as updateThreadRow,
} from './threads.queries';

const ThreadCursorSchema: z.ZodType<ThreadCursor> = z.object({
  pinned: z.boolean(),
  lastPostAt: z.string().refine((value) => !Number.isNaN(Date.parse(value))),
  id: z.string().refine(isUuid),
});

const PostCursorSchema = z.object({ after: z.number().int().nonnegative() });

/** `GET /spaces/:slug/threads`: pinned first, then by latest post, with the caller's unread counts. */
export async function listThreads(
  deps: DiscussionsDeps,
  input: { actor: Actor; slug: string; cursor?: string | undefined; limit?: number | undefined },
): Promise<ThreadList> {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canReadThreads(context.actor, context.facts, context.membership));
  const limit = input.limit ?? 30;
  const rows = await listThreadRows(deps.db, {
    spaceId: context.space.id,
    viewerId: context.actor?.id ?? null,
    cursor: decodeCursor(input.cursor, ThreadCursorSchema),
    limit,
  });
  const page = pageOf(rows, limit, (last) => ({ pinned: last.pinned, lastPostAt: last.last_post_key, id: last.id }));
  return { items: page.rows.map(toThread), nextCursor: page.nextCursor };
}

/** `POST /spaces/:slug/threads`: a title and a first post, created together or not at all. */
export async function createThread(
  deps: DiscussionsDeps,
  input: {
    actor: Actor;
    /** The signed-in person's name as the session gave it (the author shown with the thread). */
    displayName: string;
    /** The signed-in person's picture as the session gave it (shown with the first post). */
    avatarUrl: string | null;
    slug: string;
    body: ThreadCreateBody;
    idempotencyKey?: string | undefined;
  },
): Promise<{ thread: Thread; post: Post }> {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canPostInSpace(context.actor, context.facts, context.membership));
  const actor = context.actor;
  if (!actor) throw new Error('unreachable: the policy lets no anonymous visitor post');
  const body = sanitizePostBody(input.body.body);
  const key: IdempotencyRequest | null = input.idempotencyKey
    ? { userId: actor.id, key: input.idempotencyKey, route: `POST /spaces/${context.space.slug}/threads` }
    : null;
  return deps.transaction((trx, publish) =>
    idempotent(trx, key, async () => {
      const row = await insertThread(trx, { spaceId: context.space.id, authorId: actor.id, title: input.body.title });
      const author = { id: actor.id, displayName: input.displayName };
      const post = await writePost(trx, publish, deps.jobs, {
        spaceId: context.space.id,
        threadId: row.id,
        author: { ...author, avatarUrl: input.avatarUrl },
        body,
      });
      // Shaped here rather than read back: a thread that has just begun has one post, its own.
      const thread: Thread = {
        id: row.id,
        spaceId: context.space.id,
        title: input.body.title,
        postCount: 1,
        lastPostAt: post.createdAt,
        unreadCount: 0,
        pinned: false,
        locked: false,
        createdAt: row.created_at.toISOString(),
        author,
        following: true,
      };
      await publish(rooms.space(context.space.id), 'thread.created', { thread: { ...thread, following: false } });
      await queueWebhooks(trx, { spaceId: context.space.id }, webhookEvents.threadCreated(thread));
      return { thread, post };
    }),
  );
}

/** `GET /threads/:id`: the thread, a page of posts (oldest first) and where the caller stopped reading. */
export async function getThread(
  deps: DiscussionsDeps,
  input: { actor: Actor; threadId: string; cursor?: string | undefined; limit?: number | undefined },
): Promise<ThreadDetail> {
  const context = await loadThreadContext(deps.db, input.threadId, input.actor);
  authorize(context, canReadThreads(context.actor, context.facts, context.membership));
  const viewerId = context.actor?.id ?? null;
  const limit = input.limit ?? 50;
  const after = decodeCursor(input.cursor, PostCursorSchema)?.after ?? 0;
  const [rows, position] = await Promise.all([
    listPosts(deps.db, { threadId: context.thread.id, afterNumber: after, limit }),
    viewerId ? findReadPosition(deps.db, viewerId, context.thread.id) : Promise.resolve(null),
  ]);
  const page = pageOf(rows, limit, (last) => ({ after: last.number }));
  const firstUnread =
    viewerId && position !== null
      ? await firstUnreadPost(deps.db, { userId: viewerId, threadId: context.thread.id, afterNumber: position })
      : undefined;
  return {
    thread: toThread(context.thread),
    posts: {
      items: await toPosts(deps.db, page.rows, viewerId, {
        seesHidden: (authorId) => canSeeHiddenPost(context.actor, context.facts, context.membership, { authorId }),
      }),
      nextCursor: page.nextCursor,
    },
    firstUnreadPostId: firstUnread?.id ?? null,
  };
}

/** `PATCH /threads/:id`: rename, pin, lock (animateur·ices and admins). */
export async function updateThread(
  deps: DiscussionsDeps,
  input: { actor: Actor; threadId: string; body: ThreadUpdateBody },
): Promise<{ thread: Thread }> {
  const context = await loadThreadContext(deps.db, input.threadId, input.actor);
  authorize(context, canModerateThreads(context.actor, context.facts, context.membership));
  const viewerId = context.actor?.id ?? null;
  return deps.transaction(async (trx, publish) => {
    await lockThread(trx, context.thread.id);
    await updateThreadRow(trx, context.thread.id, input.body);
    const row = await findThread(trx, context.thread.id, viewerId);
    if (!row) throw notFound('thread');
    const thread = toThread(row);
    const broadcast = { thread: { ...thread, unreadCount: 0, following: false } };
    await publish([rooms.thread(thread.id), rooms.space(thread.spaceId)], 'thread.updated', broadcast);
    return { thread };
  });
}

/** `PUT|DELETE /threads/:id/follow`: get (or stop getting) notifications of its new posts. */
export async function setFollowing(
  deps: DiscussionsDeps,
  input: { actor: Actor; threadId: string; following: boolean },
) {
  const context = await loadThreadContext(deps.db, input.threadId, input.actor);
  authorize(context, canTrackThread(context.actor, context.facts, context.membership));
  const userId = context.actor?.id;
  if (!userId) throw new Error('unreachable: the policy lets no anonymous visitor follow');
  await setFollow(deps.db, { userId, threadId: context.thread.id, following: input.following });
}
