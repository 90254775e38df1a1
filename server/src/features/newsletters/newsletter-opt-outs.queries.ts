import type { Db } from '../../db/database';

/**
 * Who opted out of a space's infolettres. No row: the member receives them. Read and written
 * by the newsletters feature and by the mails' unsubscribe link (`mail-settings/unsubscribe.ts`).
 */

export async function isOptedOut(db: Db, userId: string, spaceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('newsletter_opt_outs')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('space_id', '=', spaceId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Opts out (`true`) or back in (`false`); doing it twice changes nothing. */
export async function setOptedOut(db: Db, userId: string, spaceId: string, optedOut: boolean) {
  if (optedOut) {
    await db
      .insertInto('newsletter_opt_outs')
      .values({ user_id: userId, space_id: spaceId })
      .onConflict((conflict) => conflict.columns(['user_id', 'space_id']).doNothing())
      .execute();
  } else {
    await db.deleteFrom('newsletter_opt_outs').where('user_id', '=', userId).where('space_id', '=', spaceId).execute();
  }
}

/** The spaces whose infolettres the person opted out of. */
export async function optedOutSpaces(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('newsletter_opt_outs').select('space_id').where('user_id', '=', userId).execute();
  return new Set(rows.map((row) => row.space_id));
}
