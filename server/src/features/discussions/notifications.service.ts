import type { NotificationList } from '@atelier/contract';
import { rooms } from '@atelier/contract';
import { z } from 'zod';
import { decodeCursor, pageOf } from '../../core/cursors';
import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { notFound, unauthenticated } from '../../errors';
import type { Publish } from '../../plugins/realtime/types';
import { type Actor, canReadThreads, type SpaceFacts } from '../../policy/policy';
import { listMembershipsIn } from '../spaces/memberships.queries';
import { toMembershipFacts } from '../spaces/spaces.access';
import { toNotification } from './discussions.content';
import type { DiscussionsMailer } from './discussions.mail';
import {
  countUnreadNotifications,
  insertNotifications,
  listNotifications as listNotificationRows,
  markAllNotificationsRead,
  markNotificationRead,
  type NotificationCursor,
  type NotificationKind,
} from './notifications.queries';
import { usersByIds } from './posts.queries';
import { excerpt } from './sanitize';

export interface NewPostFacts {
  space: { id: string; slug: string; title: string; facts: SpaceFacts };
  thread: { id: string; title: string };
  post: { id: string; body: string; authorId: string; authorName: string };
  mentionedIds: string[];
  /** Author of the post answered, if any. */
  repliedToAuthorId: string | null;
  followerIds: string[];
}

/**
 * Who hears of a new post, each person once, by the strongest reason: named (`mention`),
 * answered (`reply`), following the thread (`thread_post`). Nobody hears of their own post,
 * and nobody hears of a space they may no longer read (the policy decides, as for the HTTP
 * routes). Mentions also send a mail. Everything is written in `trx` and announced in each
 * person's room, in user-id order so that concurrent posts lock rooms in the same order.
 */
export async function notifyNewPost(trx: Db, publish: Publish, mailer: DiscussionsMailer, facts: NewPostFacts) {
  const reasons = new Map<string, NotificationKind>();
  const offer = (ids: (string | null)[], kind: NotificationKind) => {
    for (const id of ids) if (id && id !== facts.post.authorId && !reasons.has(id)) reasons.set(id, kind);
  };
  offer(facts.mentionedIds, 'mention');
  offer([facts.repliedToAuthorId], 'reply');
  offer(facts.followerIds, 'thread_post');
  if (reasons.size === 0) return;

  const ids = [...reasons.keys()].sort();
  const [users, memberships] = await Promise.all([usersByIds(trx, ids), listMembershipsIn(trx, facts.space.id, ids)]);
  const membershipOf = new Map(memberships.map((row) => [row.user_id, row]));
  const readers = users.filter((user) => {
    const membership = toMembershipFacts(membershipOf.get(user.id));
    return canReadThreads({ id: user.id, role: user.role }, facts.space.facts, membership);
  });

  const created = await insertNotifications(
    trx,
    readers.map((user) => ({
      userId: user.id,
      kind: reasons.get(user.id) ?? 'thread_post',
      actorId: facts.post.authorId,
      spaceId: facts.space.id,
      threadId: facts.thread.id,
      postId: facts.post.id,
    })),
  );
  for (const row of created.sort((a, b) => a.user_id.localeCompare(b.user_id))) {
    await publish(rooms.user(row.user_id), 'notification.created', { notification: toNotification(row) });
  }
  for (const user of readers) {
    if (reasons.get(user.id) !== 'mention') continue;
    await mailer.sendMention(trx, {
      to: { email: user.email, displayName: user.display_name, locale: user.locale },
      authorName: facts.post.authorName,
      space: { slug: facts.space.slug, title: facts.space.title },
      thread: facts.thread,
      postId: facts.post.id,
      excerpt: excerpt(facts.post.body, 300),
    });
  }
}

const NotificationCursorSchema: z.ZodType<NotificationCursor> = z.object({
  createdAt: z.string(),
  id: z.string().refine(isUuid),
});

export async function listNotifications(
  db: Db,
  input: { actor: Actor; cursor?: string | undefined; limit?: number | undefined },
): Promise<NotificationList> {
  if (!input.actor) throw unauthenticated();
  const limit = input.limit ?? 30;
  const cursor = decodeCursor(input.cursor, NotificationCursorSchema);
  const [rows, unreadCount] = await Promise.all([
    listNotificationRows(db, { userId: input.actor.id, cursor, limit }),
    countUnreadNotifications(db, input.actor.id),
  ]);
  const page = pageOf(rows, limit, (last) => ({ createdAt: last.created_key, id: last.id }));
  return {
    items: page.rows.map(toNotification),
    nextCursor: page.nextCursor,
    unreadCount,
  };
}

/** One's own notifications only: anyone else's id reads as unknown. */
export async function readNotification(db: Db, input: { actor: Actor; id: string }) {
  if (!input.actor) throw unauthenticated();
  if (!isUuid(input.id) || !(await markNotificationRead(db, input.actor.id, input.id))) throw notFound('notification');
}

export async function readAllNotifications(db: Db, input: { actor: Actor }) {
  if (!input.actor) throw unauthenticated();
  await markAllNotificationsRead(db, input.actor.id);
}
