import type { Db } from '../../db/database';
import { selectPostFacts } from './notifications.queries';

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
 * same post twice. Deleted posts come too, with their `deleted_at`: they are marked with the rest.
 */
export const lockPendingMails = (trx: Db, userId: string) =>
  selectPostFacts(trx)
    .innerJoin('pending_mails', 'pending_mails.post_id', 'posts.id')
    .select(['pending_mails.post_id', 'pending_mails.reason', 'posts.deleted_at', 'posts.hidden_at'])
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
