import { sql } from 'kysely';
import type { Db } from '../db/database';

/**
 * Claims `key` for this user inside the caller's transaction. Returns null when the claim is
 * new (do the work, then `storeResponse`), or the row already there. A concurrent request with
 * the same key blocks on the unique index until the first transaction ends: after a commit it
 * finds the stored response, after a rollback its own claim goes through.
 */
export async function claimKey(db: Db, input: { userId: string; key: string; route: string }) {
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ user_id: input.userId, key: input.key, route: input.route, response: null })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (claimed) return null;
  return db
    .selectFrom('idempotency_keys')
    .select(['route', 'response'])
    .where('user_id', '=', input.userId)
    .where('key', '=', input.key)
    .executeTakeFirstOrThrow();
}

export const storeResponse = (db: Db, input: { userId: string; key: string; response: unknown }) =>
  db
    .updateTable('idempotency_keys')
    .set({ response: JSON.stringify(input.response) })
    .where('user_id', '=', input.userId)
    .where('key', '=', input.key)
    .execute();

/** Deletes up to `limit` keys claimed before `before`; returns how many went. */
export async function pruneKeys(db: Db, before: Date, limit: number): Promise<number> {
  const result = await sql`delete from idempotency_keys where (user_id, key) in (
      select user_id, key from idempotency_keys where created_at < ${before} limit ${limit})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
