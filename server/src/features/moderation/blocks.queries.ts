import type { Db } from '../../db/database';

/** Records the block; repeating it changes nothing. */
export const insertBlock = (db: Db, blockerId: string, blockedId: string) =>
  db
    .insertInto('user_blocks')
    .values({ blocker_id: blockerId, blocked_id: blockedId })
    .onConflict((conflict) => conflict.columns(['blocker_id', 'blocked_id']).doNothing())
    .execute();

export const deleteBlock = (db: Db, blockerId: string, blockedId: string) =>
  db.deleteFrom('user_blocks').where('blocker_id', '=', blockerId).where('blocked_id', '=', blockedId).execute();

/** The people `blockerId` blocked, by name. */
export const listBlocks = (db: Db, blockerId: string) =>
  db
    .selectFrom('user_blocks')
    .innerJoin('users', 'users.id', 'user_blocks.blocked_id')
    .select(['users.id', 'users.display_name', 'user_blocks.created_at'])
    .where('user_blocks.blocker_id', '=', blockerId)
    .orderBy('users.display_name')
    .orderBy('users.id')
    .execute();

/** Which of `authorIds` the viewer blocked. */
export async function blockedAmong(db: Db, viewerId: string, authorIds: string[]): Promise<Set<string>> {
  if (authorIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('user_blocks')
    .select('blocked_id')
    .where('blocker_id', '=', viewerId)
    .where('blocked_id', 'in', [...new Set(authorIds)])
    .execute();
  return new Set(rows.map((row) => row.blocked_id));
}

/** Which of `readerIds` blocked the author: they hear nothing from them. */
export async function blockersAmong(db: Db, authorId: string, readerIds: string[]): Promise<Set<string>> {
  if (readerIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('user_blocks')
    .select('blocker_id')
    .where('blocked_id', '=', authorId)
    .where('blocker_id', 'in', readerIds)
    .execute();
  return new Set(rows.map((row) => row.blocker_id));
}
