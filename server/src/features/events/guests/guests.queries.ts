import { sql } from 'kysely';
import type { Db } from '../../../db/database';

/** A guest's request, waiting for its mailed link. */
export async function insertGuestRequest(
  db: Db,
  values: { eventId: string; email: string; displayName: string; answers: string; tokenHash: string; expiresAt: Date },
) {
  await db
    .insertInto('guest_requests')
    .values({
      event_id: values.eventId,
      email: values.email,
      display_name: values.displayName,
      answers: values.answers,
      token_hash: values.tokenHash,
      expires_at: values.expiresAt,
    })
    .execute();
}

/** Requests made for this address since `since`, to cap the mails one address receives. */
export async function countRecentRequests(db: Db, email: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('guest_requests')
    .select(sql<number>`cast(count(*) as int)`.as('count'))
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Uses a live request once: the update is the claim, so a link followed twice counts once. */
export async function claimGuestRequest(db: Db, tokenHash: string, now: Date) {
  return db
    .updateTable('guest_requests')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['event_id', 'email', 'display_name', 'answers'])
    .executeTakeFirst();
}

/** The person behind an address, guest or not (accounts' own lookup leaves guests out). */
export async function findPersonByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'is_guest'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .forUpdate()
    .executeTakeFirst();
}

export async function insertGuest(db: Db, values: { email: string; displayName: string; locale: 'fr' | 'en' }) {
  const row = await db
    .insertInto('users')
    .values({
      email: values.email.toLowerCase(),
      password_hash: null,
      display_name: values.displayName,
      locale: values.locale,
      is_guest: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Requests expired a week ago go, at most `limit` at a time; returns how many. */
export async function pruneGuestRequests(db: Db, before: Date, limit: number): Promise<number> {
  const gone = await db
    .deleteFrom('guest_requests')
    .where('id', 'in', (eb) =>
      eb.selectFrom('guest_requests').select('id').where('expires_at', '<', before).limit(limit),
    )
    .executeTakeFirst();
  return Number(gone.numDeletedRows);
}
