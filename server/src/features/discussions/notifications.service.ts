import type { NotificationList } from '@atelier/contract';
import { rooms } from '@atelier/contract';
import { z } from 'zod';
import { decodeCursor, pageOf } from '../../core/cursors';
import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { notFound, unauthenticated } from '../../errors';
import type { JobPayloads } from '../../plugins/jobs';
import { type Actor, canReadThreads } from '../../policy/policy';
import { blockersAmong } from '../moderation/blocks.queries';
import { listMembershipsIn } from '../spaces/memberships.queries';
import { toMembershipFacts } from '../spaces/spaces.access';
import { toNotification } from './discussions.content';
import type { DiscussionsDeps } from './discussions.deps';
import {
  countUnreadNotifications,
  findNewPostFacts,
  insertNotifications,
  listNotifications as listNotificationRows,
  markAllNotificationsRead,
  markNotificationRead,
  type NotificationCursor,
  type NotificationKind,
} from './notifications.queries';
import { queueMails, queueSpaceMails } from './post-mails.service';
import { usersByIds } from './posts.queries';
import { listFollowersAt } from './threads.queries';

declare module '../../plugins/jobs' {
  interface JobPayloads {
    /** Who hears of a new post is worked out after its commit, whatever the number of followers. */
    'discussions.notify': { postId: string; mentionedIds: string[]; repliedToAuthorId: string | null };
    /** The mail of the posts waiting for one person (`pending_mails`), grouped by list. */
    'discussions.mail': { userId: string };
  }
}

/** Notifications are written and announced in batches of this many people, one transaction each. */
const BATCH = 500;

/**
 * Who hears of a new post, each person once, by the strongest reason: named (`mention`),
 * answered (`reply`), following the thread (`thread_post`). Nobody hears of their own post,
 * and nobody hears of a space they may no longer read (the policy decides, as for the HTTP
 * routes). Those who want it also hear by mail (post-mails.service.ts). A job, enqueued with the post: a thread followed by
 * thousands never slows the post down. It may run twice (at least once delivery): a person
 * already notified of the post is skipped, so nobody hears twice.
 */
export async function notifyNewPost(deps: DiscussionsDeps, job: JobPayloads['discussions.notify']) {
  const facts = await findNewPostFacts(deps.db, job.postId);
  if (!facts) return; // deleted meanwhile
  const followers = await listFollowersAt(deps.db, facts.thread_id, facts.created_at);
  const reasons = new Map<string, NotificationKind>();
  const offer = (ids: (string | null)[], kind: NotificationKind) => {
    for (const id of ids) if (id && id !== facts.author_id && !reasons.has(id)) reasons.set(id, kind);
  };
  offer(job.mentionedIds, 'mention');
  offer([job.repliedToAuthorId], 'reply');
  offer(
    followers.map((row) => row.user_id),
    'thread_post',
  );
  const space = { visibility: facts.visibility, joinPolicy: facts.join_policy, status: facts.status };
  const ids = [...reasons.keys()].sort();
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    await deps.transaction(async (trx, publish) => {
      const [users, memberships, blockers] = await Promise.all([
        usersByIds(trx, batch),
        listMembershipsIn(trx, facts.space_id, batch),
        blockersAmong(trx, facts.author_id, batch),
      ]);
      const membershipOf = new Map(memberships.map((row) => [row.user_id, row]));
      // Nothing from a person reaches who blocked them: no notification, mail or push.
      const readers = users.filter(
        (user) =>
          !blockers.has(user.id) &&
          canReadThreads({ id: user.id, role: user.role }, space, toMembershipFacts(membershipOf.get(user.id))),
      );
      const created = await insertNotifications(
        trx,
        readers.map((user) => ({
          userId: user.id,
          kind: reasons.get(user.id) ?? 'thread_post',
          actorId: facts.author_id,
          spaceId: facts.space_id,
          threadId: facts.thread_id,
          postId: job.postId,
        })),
      );
      // In user-id order, so that concurrent jobs lock the rooms in the same order.
      for (const row of created.sort((a, b) => a.user_id.localeCompare(b.user_id))) {
        await publish(rooms.user(row.user_id), 'notification.created', { notification: toNotification(row) });
      }
      // Mails wait a little (`groupSeconds`), so that several posts make one mail.
      await queueMails(deps, trx, {
        postId: job.postId,
        spaceId: facts.space_id,
        rows: readers
          .map((user) => ({ userId: user.id, reason: reasons.get(user.id) }))
          .filter(
            (row): row is { userId: string; reason: 'mention' | 'reply' } =>
              row.reason === 'mention' || row.reason === 'reply',
          ),
      });
    });
  }
  await deps.transaction((trx) =>
    queueSpaceMails(deps, trx, { postId: job.postId, authorId: facts.author_id, spaceId: facts.space_id, space }),
  );
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
