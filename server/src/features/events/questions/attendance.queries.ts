import { sql } from 'kysely';
import type { Db } from '../../../db/database';

/**
 * The attendance sheet of an event: everyone holding a seat or a waitlist place, plus anyone
 * marked present (people may come without registering). Seats first, then the waitlist, then
 * the others, each by name; with what the organisers' export carries of each.
 */
export const listAttendance = (db: Db, eventId: string) =>
  db
    .selectFrom((eb) =>
      eb
        .selectFrom('registrations')
        .select('user_id')
        .where('event_id', '=', eventId)
        .where('status', 'in', ['registered', 'waitlisted'])
        .union(eb.selectFrom('attendances').select('user_id').where('event_id', '=', eventId))
        .as('people'),
    )
    .innerJoin('users', 'users.id', 'people.user_id')
    .leftJoin('registrations as registration', (join) =>
      join
        .onRef('registration.user_id', '=', 'people.user_id')
        .on('registration.event_id', '=', eventId)
        .on('registration.status', 'in', ['registered', 'waitlisted']),
    )
    .leftJoin('attendances as attendance', (join) =>
      join.onRef('attendance.user_id', '=', 'people.user_id').on('attendance.event_id', '=', eventId),
    )
    .select([
      'users.id',
      'users.display_name',
      'users.email',
      'users.organisation_name',
      'users.territory',
      'users.fantastic_role',
      'registration.status',
      'registration.created_at as registered_at',
      'registration.answers',
      sql<boolean>`attendance.user_id is not null`.as('attended'),
    ])
    .orderBy(sql`case registration.status when 'registered' then 0 when 'waitlisted' then 1 else 2 end`)
    .orderBy(sql`lower(users.display_name)`)
    .orderBy('users.id')
    .execute();

/** Marks (or unmarks) one person present; marking twice keeps the first mark. */
export async function setAttendance(
  db: Db,
  values: { eventId: string; userId: string; markedBy: string; attended: boolean },
): Promise<void> {
  if (values.attended) {
    await db
      .insertInto('attendances')
      .values({ event_id: values.eventId, user_id: values.userId, marked_by: values.markedBy })
      .onConflict((oc) => oc.columns(['event_id', 'user_id']).doNothing())
      .execute();
    return;
  }
  await db
    .deleteFrom('attendances')
    .where('event_id', '=', values.eventId)
    .where('user_id', '=', values.userId)
    .execute();
}

/** The ids of the permanences a person was marked present at, newest first. */
export const listAttendedPermanenceIds = (db: Db, userId: string) =>
  db
    .selectFrom('attendances')
    .innerJoin('events', 'events.id', 'attendances.event_id')
    .select('events.id')
    .where('attendances.user_id', '=', userId)
    .where('events.kind', '=', 'permanence')
    .orderBy('events.starts_at', 'desc')
    .orderBy('events.id', 'desc')
    .execute();

/** Whether the person was marked present at the event. */
export const wasPresent = async (db: Db, eventId: string, userId: string): Promise<boolean> =>
  (await db
    .selectFrom('attendances')
    .select('user_id')
    .where('event_id', '=', eventId)
    .where('user_id', '=', userId)
    .executeTakeFirst()) !== undefined;
