import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database';

/**
 * The installation's signing key (one row of `calendar_feed_key`, where it was first needed):
 * made once, by whichever process asks first (then read in one query). Each use signs with its own prefix (`unsubscribe:`,
 * a calendar feed's person and date), so a signature made for one never passes for another.
 */
export async function installationKey(db: Db): Promise<string> {
  const existing = await readKey(db);
  if (existing) return existing.secret;
  await db
    .insertInto('calendar_feed_key')
    .values({ id: 1, secret: randomBytes(32).toString('base64url') })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
  const row = await readKey(db);
  if (!row) throw new Error('unreachable: the installation key was just written');
  return row.secret;
}

const readKey = (db: Db) => db.selectFrom('calendar_feed_key').select('secret').where('id', '=', 1).executeTakeFirst();
