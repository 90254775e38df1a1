import type { Db } from '../db/database';

/**
 * Deletes of what is kept only for a while (see `plugins/retention.ts`), each at most `limit`
 * rows per statement and returning how many went. Ids are picked first so that a statement
 * never holds a table long, on PostgreSQL as on PGlite's one connection.
 */

const deleted = (result: { numDeletedRows: bigint }[]) =>
  result.reduce((sum, row) => sum + Number(row.numDeletedRows), 0);

/**
 * Mail already handed over (`sent`) or kept as the development mailbox (`kept`) before
 * `sentBefore`, and mail that failed for good before `failedBefore`. Queued mail stays.
 */
export async function pruneOutbox(db: Db, cut: { sentBefore: Date; failedBefore: Date }, limit: number) {
  const ids = db
    .selectFrom('mail_outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['sent', 'kept']), eb('created_at', '<', cut.sentBefore)]),
        eb.and([eb('status', '=', 'failed'), eb('created_at', '<', cut.failedBefore)]),
      ]),
    )
    .limit(limit);
  return deleted(await db.deleteFrom('mail_outbox').where('id', 'in', ids).execute());
}

/** Sessions past their absolute expiry or idle longer than `idleMs`: they open nothing any more. */
export async function pruneSessions(db: Db, now: Date, idleMs: number, limit: number) {
  const ids = db
    .selectFrom('sessions')
    .select('id')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', new Date(now.getTime() - idleMs))]))
    .limit(limit);
  return deleted(await db.deleteFrom('sessions').where('id', 'in', ids).execute());
}

/** Mailed sign-in and reset links once used or expired. */
export async function pruneAuthTokens(db: Db, now: Date, limit: number) {
  const ids = db
    .selectFrom('auth_tokens')
    .select('id')
    .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', now)]))
    .limit(limit);
  return deleted(await db.deleteFrom('auth_tokens').where('id', 'in', ids).execute());
}
