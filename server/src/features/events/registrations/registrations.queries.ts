import { sql } from 'kysely';
import type { Db } from '../../../db/database';

export type ActiveStatus = 'registered' | 'waitlisted';

export interface SeatCounts {
  registeredCount: number;
  waitlistCount: number;
}

/** Seats and waitlist places of each event (zero for events nobody registered for). */
export async function countSeats(db: Db, eventIds: string[]): Promise<Map<string, SeatCounts>> {
  const counts = new Map<string, SeatCounts>(eventIds.map((id) => [id, { registeredCount: 0, waitlistCount: 0 }]));
  if (eventIds.length === 0) return counts;
  const rows = await db
    .selectFrom('registrations')
    .select([
      'event_id',
      sql<number>`cast(count(*) filter (where status = 'registered') as int)`.as('registered'),
      sql<number>`cast(count(*) filter (where status = 'waitlisted') as int)`.as('waitlisted'),
    ])
    .where('event_id', 'in', eventIds)
    .where('status', '!=', 'cancelled')
    .groupBy('event_id')
    .execute();
  for (const row of rows) {
    counts.set(row.event_id, { registeredCount: Number(row.registered), waitlistCount: Number(row.waitlisted) });
  }
  return counts;
}

export async function seatCountsOf(db: Db, eventId: string): Promise<SeatCounts> {
  return (await countSeats(db, [eventId])).get(eventId) ?? { registeredCount: 0, waitlistCount: 0 };
}

export async function findRegistration(db: Db, eventId: string, userId: string) {
  return db
    .selectFrom('registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function findRegistrationByTokenHash(db: Db, tokenHash: string) {
  return db.selectFrom('registrations').selectAll().where('cancel_token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * Place on the waitlist, 1 first. The order is `created_at` (the clock at the moment the
 * event lock was held, see `placeRegistration`), then the id.
 */
export async function waitlistPosition(db: Db, registration: { id: string; event_id: string }): Promise<number> {
  const row = await db
    .selectFrom('registrations as mine')
    .innerJoin('registrations as ahead', 'ahead.event_id', 'mine.event_id')
    .select(sql<number>`cast(count(*) as int)`.as('ahead'))
    .where('mine.id', '=', registration.id)
    .where('ahead.status', '=', 'waitlisted')
    .where((eb) =>
      eb.or([
        eb('ahead.created_at', '<', eb.ref('mine.created_at')),
        eb.and([eb('ahead.created_at', '=', eb.ref('mine.created_at')), eb('ahead.id', '<=', eb.ref('mine.id'))]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.ahead);
}

/**
 * Writes the caller's registration (a new row, or their cancelled one revived at the end of
 * the queue). `created_at` is `clock_timestamp()`, not the transaction's start: callers hold
 * the event lock, so that clock follows the order in which people really got their turn.
 */
export async function placeRegistration(
  trx: Db,
  values: { eventId: string; userId: string; status: ActiveStatus; tokenHash: string; answers: string },
) {
  return trx
    .insertInto('registrations')
    .values({
      event_id: values.eventId,
      user_id: values.userId,
      status: values.status,
      cancel_token_hash: values.tokenHash,
      answers: values.answers,
      created_at: sql`clock_timestamp()`,
      updated_at: sql`clock_timestamp()`,
    })
    .onConflict((conflict) =>
      conflict.columns(['event_id', 'user_id']).doUpdateSet({
        status: values.status,
        cancel_token_hash: values.tokenHash,
        answers: values.answers,
        created_at: sql`clock_timestamp()`,
        updated_at: sql`clock_timestamp()`,
        promoted_at: null,
        reminded_day_at: null,
        reminded_hour_at: null,
      }),
    )
    .returning(['id', 'event_id', 'user_id', 'status'])
    .executeTakeFirstOrThrow();
}

/** Cancels a registration; its answers (accessibility needs among them) are kept no longer. */
export async function cancelRegistrationRow(trx: Db, id: string) {
  await trx
    .updateTable('registrations')
    .set({ status: 'cancelled', cancel_token_hash: null, answers: '{}', updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** The first `limit` people of the waitlist, in order. */
export async function firstWaitlisted(trx: Db, eventId: string, limit: number) {
  if (limit <= 0) return [];
  return trx
    .selectFrom('registrations')
    .select(['id', 'user_id'])
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function promoteRegistration(trx: Db, id: string, tokenHash: string) {
  await trx
    .updateTable('registrations')
    .set({ status: 'registered', promoted_at: sql`now()`, cancel_token_hash: tokenHash, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Everyone holding a seat or waiting, with what their mail needs. */
export async function activeRegistrants(db: Db, eventId: string) {
  return db
    .selectFrom('registrations')
    .innerJoin('users', 'users.id', 'registrations.user_id')
    .select([
      'registrations.id',
      'registrations.status',
      'users.id as user_id',
      'users.email',
      'users.display_name',
      'users.locale',
    ])
    .where('registrations.event_id', '=', eventId)
    .where('registrations.status', '!=', 'cancelled')
    .orderBy('registrations.created_at')
    .execute();
}

export async function recipientOf(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'locale'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** Reminders are written afresh when an event moves: each kind goes out once per start time. */
export async function resetReminders(trx: Db, eventId: string) {
  await trx
    .updateTable('registrations')
    .set({ reminded_day_at: null, reminded_hour_at: null })
    .where('event_id', '=', eventId)
    .execute();
}

/**
 * Claims the reminder of this kind for every seat holder not reminded yet and returns them:
 * the update is the claim, so a job run twice (retry, two processes) sends nothing twice.
 */
export async function claimReminders(trx: Db, eventId: string, kind: 'day' | 'hour') {
  const column = kind === 'day' ? 'reminded_day_at' : 'reminded_hour_at';
  const claimed = await trx
    .updateTable('registrations')
    .set({ [column]: sql`now()` })
    .where('event_id', '=', eventId)
    .where('status', '=', 'registered')
    .where(column, 'is', null)
    .returning(['id', 'user_id'])
    .execute();
  return claimed;
}

/** Marks reminders as not needed (the confirmation already came close to the start). */
export async function skipReminders(trx: Db, registrationId: string, kinds: Array<'day' | 'hour'>) {
  if (kinds.length === 0) return;
  await trx
    .updateTable('registrations')
    .set({
      ...(kinds.includes('day') ? { reminded_day_at: sql`now()` } : {}),
      ...(kinds.includes('hour') ? { reminded_hour_at: sql`now()` } : {}),
    })
    .where('id', '=', registrationId)
    .execute();
}

export async function isFollowingSeries(db: Db, userId: string, seriesId: string): Promise<boolean> {
  const row = await db
    .selectFrom('series_follows')
    .select('series_id')
    .where('user_id', '=', userId)
    .where('series_id', '=', seriesId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function setSeriesFollow(db: Db, userId: string, seriesId: string, following: boolean) {
  if (following) {
    await db
      .insertInto('series_follows')
      .values({ user_id: userId, series_id: seriesId })
      .onConflict((conflict) => conflict.columns(['user_id', 'series_id']).doNothing())
      .execute();
  } else {
    await db.deleteFrom('series_follows').where('user_id', '=', userId).where('series_id', '=', seriesId).execute();
  }
}

/**
 * The events a feed lists — registered (seat or waitlist) or in a followed series — with the
 * owner's registration status there (null for a followed event they did not register for).
 */
export async function feedEvents(db: Db, userId: string, from: Date, to: Date) {
  return db
    .selectFrom('events')
    .leftJoin('registrations', (join) =>
      join
        .onRef('registrations.event_id', '=', 'events.id')
        .on('registrations.user_id', '=', userId)
        .on('registrations.status', '!=', 'cancelled'),
    )
    .select(['events.id', 'registrations.status'])
    .where('events.ends_at', '>', from)
    .where('events.starts_at', '<', to)
    .where((eb) =>
      eb.or([
        eb('registrations.id', 'is not', null),
        eb.exists(
          eb
            .selectFrom('series_follows')
            .select('series_follows.series_id')
            .whereRef('series_follows.series_id', '=', 'events.series_id')
            .where('series_follows.user_id', '=', userId),
        ),
      ]),
    )
    .execute();
}

/** The person's seats and waitlist places in events not yet over, soonest first. */
export const upcomingRegistrationsOf = (db: Db, userId: string, now: Date, limit: number) =>
  db
    .selectFrom('registrations')
    .innerJoin('events', 'events.id', 'registrations.event_id')
    .select(['registrations.id', 'registrations.event_id', 'registrations.status'])
    .where('registrations.user_id', '=', userId)
    .where('registrations.status', 'in', ['registered', 'waitlisted'])
    .where('events.ends_at', '>', now)
    .orderBy('events.starts_at')
    .orderBy('events.id')
    .limit(limit)
    .execute();

/** Another session of the same event, at an overlapping time, where the person holds a place. */
export async function overlappingSessionPlace(
  db: Db,
  session: { id: string; parentId: string; startsAt: Date; endsAt: Date },
  userId: string,
) {
  return db
    .selectFrom('registrations')
    .innerJoin('events', 'events.id', 'registrations.event_id')
    .select(['events.id', 'events.title'])
    .where('events.parent_id', '=', session.parentId)
    .where('events.id', '!=', session.id)
    .where('events.cancelled_at', 'is', null)
    .where('events.starts_at', '<', session.endsAt)
    .where('events.ends_at', '>', session.startsAt)
    .where('registrations.user_id', '=', userId)
    .where('registrations.status', '!=', 'cancelled')
    .executeTakeFirst();
}

/** The sessions of an event where the person holds a seat or a waitlist place. */
export async function sessionsHeldBy(db: Db, parentId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('registrations')
    .innerJoin('events', 'events.id', 'registrations.event_id')
    .select('events.id')
    .where('events.parent_id', '=', parentId)
    .where('registrations.user_id', '=', userId)
    .where('registrations.status', '!=', 'cancelled')
    .orderBy('events.id')
    .execute();
  return rows.map((row) => row.id);
}
