import type { Post } from '@atelier/contract';
import { rooms } from '@atelier/contract';
import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import type { Publish } from '../../plugins/realtime/types';
import { listActiveMemberNames } from '../spaces/memberships.queries';
import type { SpaceContext } from '../spaces/spaces.access';

import type { DiscussionsMailer } from './discussions.mail';
import { toPost } from './discussions.mappers';
import { notifyNewPost } from './notifications.service';
import { findPost, insertPost } from './posts.queries';
import { findMentions } from './sanitize';
import { listFollowers, recordNewPost, setFollow } from './threads.queries';

/** Active members of the space, as `@displayName` candidates. */
export const mentionCandidates = listActiveMemberNames;

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

/**
 * Adds a post to a thread whose row `trx` holds locked (`lockThread`): takes the next number,
 * resolves mentions among the members, makes the author follow (unless they stopped), tells
 * whoever should hear of it, and announces it to the thread's and the space's rooms.
 */
export async function writePost(
  trx: Db,
  publish: Publish,
  mailer: DiscussionsMailer,
  input: {
    context: SpaceContext;
    thread: { id: string; title: string; last_number: number };
    author: { id: string; displayName: string };
    body: string;
    replyToId?: string | undefined;
    quotePostId?: string | undefined;
  },
): Promise<Post> {
  const { context, thread, author, body } = input;
  const replyTo = await checkTarget(trx, thread.id, input.replyToId, 'replyToId');
  await checkTarget(trx, thread.id, input.quotePostId, 'quotePostId');
  const mentioned = findMentions(
    body,
    (await mentionCandidates(trx, context.space.id)).filter((person) => person.id !== author.id),
  );
  const number = thread.last_number + 1;
  const { id } = await insertPost(trx, {
    threadId: thread.id,
    number,
    authorId: author.id,
    body,
    replyToId: replyTo?.id ?? null,
    quotePostId: input.quotePostId ?? null,
    mentions: mentioned.map((person) => person.id),
  });
  await recordNewPost(trx, thread.id, number);
  const followers = await listFollowers(trx, thread.id);
  await setFollow(trx, { userId: author.id, threadId: thread.id, following: true, onlyIfNew: true });

  const row = await findPost(trx, id);
  if (!row) throw new Error('unreachable: the post was just inserted');
  const post = await toPost(trx, row, author.id);
  await publish(rooms.thread(thread.id), 'post.created', { post });
  await publish(rooms.space(context.space.id), 'post.created', { post });
  await notifyNewPost(trx, publish, mailer, {
    space: { id: context.space.id, slug: context.space.slug, title: context.space.title, facts: context.facts },
    thread: { id: thread.id, title: thread.title },
    post: { id, body, authorId: author.id, authorName: author.displayName },
    mentionedIds: mentioned.map((person) => person.id),
    repliedToAuthorId: replyTo?.author_id ?? null,
    followerIds: followers.map((row) => row.user_id),
  });
  return post;
}
