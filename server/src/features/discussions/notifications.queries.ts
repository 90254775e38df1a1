import { sql } from 'kysely';
import type { Db } from '../../db/database';

export type NotificationKind = 'mention' | 'reply' | 'thread_post' | 'moderation' | 'question_transmitted';

function selectNotifications(db: Db) {
  return db
    .selectFrom('notifications')
    .innerJoin('users as actor', 'actor.id', 'notifications.actor_id')
    .innerJoin('threads', 'threads.id', 'notifications.thread_id')
    .innerJoin('posts', 'posts.id', 'notifications.post_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.space_id',
      'notifications.thread_id',
      'notifications.post_id',
      'notifications.created_at',
      'notifications.read_at',
      'notifications.moderation_decision',
      'notifications.moderation_note',
      'actor.id as actor_id',
      'actor.display_name as actor_name',
      'threads.title as thread_title',
      'posts.body as post_body',
      'posts.hidden_at as post_hidden_at',
      sql<string>`notifications.created_at::text`.as('created_key'),
    ]);
}

export type NotificationRecord = Awaited<ReturnType<ReturnType<typeof selectNotifications>['executeTakeFirstOrThrow']>>;

export async function insertNotifications(
  db: Db,
  rows: {
    userId: string;
    kind: NotificationKind;
    actorId: string;
    spaceId: string;
    threadId: string;
    postId: string;
  }[],
) {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('notifications')
    .values(
      rows.map((row) => ({
        user_id: row.userId,
        kind: row.kind,
        actor_id: row.actorId,
        space_id: row.spaceId,
        thread_id: row.threadId,
        post_id: row.postId,
      })),
    )
    // A retried job finds what it already wrote: nobody is notified twice of one post.
    .onConflict((oc) => oc.columns(['user_id', 'post_id']).doNothing())
    .returning('id')
    .execute();
  if (inserted.length === 0) return [];
  return selectNotifications(db)
    .where(
      'notifications.id',
      'in',
      inserted.map((row) => row.id),
    )
    .select('notifications.user_id')
    .execute();
}

/**
 * Tells the author of a post a moderator's decision on it (features/moderation): one row per
 * person and post, so a later decision on the same post replaces the earlier one, unread again.
 */
export async function upsertModerationNotification(
  db: Db,
  row: {
    userId: string;
    actorId: string;
    spaceId: string;
    threadId: string;
    postId: string;
    decision: 'keep' | 'hide' | 'delete';
    note: string | null;
  },
) {
  // One row per person and post (`notifications_user_post_key`): the earlier one goes.
  await db.deleteFrom('notifications').where('user_id', '=', row.userId).where('post_id', '=', row.postId).execute();
  const inserted = await db
    .insertInto('notifications')
    .values({
      user_id: row.userId,
      kind: 'moderation',
      actor_id: row.actorId,
      space_id: row.spaceId,
      thread_id: row.threadId,
      post_id: row.postId,
      moderation_decision: row.decision,
      moderation_note: row.note,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return selectNotifications(db)
    .where('notifications.id', '=', inserted.id)
    .select('notifications.user_id')
    .executeTakeFirstOrThrow();
}

/** A post with what telling someone of it needs: its thread, space and author. */
export const selectPostFacts = (db: Db) =>
  db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('spaces', 'spaces.id', 'threads.space_id')
    .innerJoin('users as author', 'author.id', 'posts.author_id')
    .select([
      'posts.body',
      'posts.author_id',
      'posts.created_at',
      'author.display_name as author_name',
      'threads.id as thread_id',
      'threads.title as thread_title',
      'spaces.id as space_id',
      'spaces.slug as space_slug',
      'spaces.title as space_title',
      'spaces.visibility',
      'spaces.join_policy',
      'spaces.status',
    ]);

/** What the notifications of a new post need to know of it. */
export const findNewPostFacts = (db: Db, postId: string) =>
  selectPostFacts(db).where('posts.id', '=', postId).where('posts.deleted_at', 'is', null).executeTakeFirst();

export interface NotificationCursor {
  createdAt: string;
  id: string;
}

/** Newest first, keyset on (created_at, id) through `notifications_user_idx`. */
export async function listNotifications(
  db: Db,
  input: { userId: string; cursor: NotificationCursor | null; limit: number },
) {
  let query = selectNotifications(db).where('notifications.user_id', '=', input.userId);
  if (input.cursor) {
    query = query.where(
      sql<boolean>`(notifications.created_at, notifications.id) < (${input.cursor.createdAt}::timestamptz, ${input.cursor.id}::uuid)`,
    );
  }
  return query
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(input.limit + 1)
    .execute();
}

export async function countUnreadNotifications(db: Db, userId: string) {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the user's notifications read; false when it is not theirs (or does not exist). */
export async function markNotificationRead(db: Db, userId: string, id: string) {
  const row = await db
    .updateTable('notifications')
    .set({ read_at: sql`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export const markAllNotificationsRead = (db: Db, userId: string) =>
  db
    .updateTable('notifications')
    .set({ read_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
