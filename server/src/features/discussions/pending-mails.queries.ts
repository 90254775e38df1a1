import type { Db } from '../../db/database';

export type PendingReason = 'mention' | 'reply' | 'space_post';

/** Members of the space who asked for a mail at each new message (never a default). */
export const listEachModeMembers = (db: Db, spaceId: string) =>
  db
    .selectFrom('space_mail_settings as chosen')
    .innerJoin('memberships', (join) =>
      join.onRef('memberships.user_id', '=', 'chosen.user_id').onRef('memberships.space_id', '=', 'chosen.space_id'),
    )
    .select('chosen.user_id')
    .where('chosen.space_id', '=', spaceId)
    .where('chosen.mode', '=', 'each')
    .where('memberships.status', '=', 'active')
    .execute();

/** Queues mails to come; a person already queued for the post keeps the first reason. */
export async function insertPendingMails(
  db: Db,
  rows: Array<{ userId: string; postId: string; reason: PendingReason }>,
) {
  if (rows.length === 0) return;
  await db
    .insertInto('pending_mails')
    .values(rows.map((row) => ({ user_id: row.userId, post_id: row.postId, reason: row.reason })))
    .onConflict((conflict) => conflict.columns(['user_id', 'post_id']).doNothing())
    .execute();
}

/**
 * What waits to be mailed to the person, oldest first, locked so that two runs never mail the
 * same post twice. Deleted posts are left out (and marked with the rest).
 */
export const lockPendingMails = (trx: Db, userId: string) =>
  trx
    .selectFrom('pending_mails')
    .innerJoin('posts', 'posts.id', 'pending_mails.post_id')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('spaces', 'spaces.id', 'threads.space_id')
    .innerJoin('users as author', 'author.id', 'posts.author_id')
    .select([
      'pending_mails.post_id',
      'pending_mails.reason',
      'posts.body',
      'posts.deleted_at',
      'author.display_name as author_name',
      'threads.id as thread_id',
      'threads.title as thread_title',
      'spaces.id as space_id',
      'spaces.slug as space_slug',
      'spaces.title as space_title',
      'spaces.visibility',
      'spaces.join_policy',
      'spaces.status',
    ])
    .where('pending_mails.user_id', '=', userId)
    .where('pending_mails.mailed_at', 'is', null)
    .orderBy('pending_mails.created_at')
    .orderBy('pending_mails.post_id')
    .forUpdate('pending_mails')
    .execute();
export type PendingMailRow = Awaited<ReturnType<typeof lockPendingMails>>[number];

export const markMailed = (trx: Db, userId: string, postIds: string[]) =>
  postIds.length === 0
    ? Promise.resolve()
    : trx
        .updateTable('pending_mails')
        .set({ mailed_at: new Date() })
        .where('user_id', '=', userId)
        .where('post_id', 'in', postIds)
        .execute()
        .then(() => undefined);
