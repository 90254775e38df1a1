import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database';

/**
 * The installation's signing key (one row of `calendar_feed_key`, where it was first needed):
 * made once, by whichever process asks first. Each use signs with its own prefix (`unsubscribe:`,
 * a calendar feed's person and date), so a signature made for one never passes for another.
 */
export async function installationKey(db: Db): Promise<string> {
  await db
    .insertInto('calendar_feed_key')
    .values({ id: 1, secret: randomBytes(32).toString('base64url') })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
  const row = await db.selectFrom('calendar_feed_key').select('secret').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.secret;
}
