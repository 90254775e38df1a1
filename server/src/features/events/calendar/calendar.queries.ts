import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../../db/database';

/** The person's feed, locked until the transaction ends (a rotation and a first ask are ordered). */
export const lockFeed = (trx: Db, userId: string) =>
  trx.selectFrom('calendar_feeds').select('created_at').where('user_id', '=', userId).forUpdate().executeTakeFirst();

/**
 * Makes the person's feed, or remakes it at a new moment (rotation). The token hash is a
 * placeholder until `setFeedTokenHash`, since the token derives from the moment written here.
 */
export const upsertFeed = (trx: Db, userId: string) =>
  trx
    .insertInto('calendar_feeds')
    .values({ user_id: userId, token_hash: randomBytes(16).toString('hex'), created_at: sql`clock_timestamp()` })
    .onConflict((conflict) =>
      conflict
        .column('user_id')
        .doUpdateSet({ created_at: sql`clock_timestamp()`, token_hash: randomBytes(16).toString('hex') }),
    )
    .returning('created_at')
    .executeTakeFirstOrThrow();

export async function setFeedTokenHash(trx: Db, userId: string, tokenHash: string) {
  await trx.updateTable('calendar_feeds').set({ token_hash: tokenHash }).where('user_id', '=', userId).execute();
}

/** The owner of the feed whose token has this hash. */
export const findFeedOwner = (db: Db, tokenHash: string) =>
  db
    .selectFrom('calendar_feeds')
    .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
    .select(['users.id', 'users.role'])
    .where('calendar_feeds.token_hash', '=', tokenHash)
    .executeTakeFirst();
