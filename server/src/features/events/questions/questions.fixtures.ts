import type { Db } from '../../../db/database';
import type { TestContext } from '../../../test/app';
import type { TestPerson } from '../../spaces/spaces.fixtures';

/** Factories for question, attendance and report tests: events and registrations written straight to the database. */

const HOUR = 3_600_000;

export async function createEventRow(
  db: Db,
  values: {
    spaceId?: string | null;
    kind?: 'permanence' | 'initiation' | 'atelier' | 'autre';
    title?: string;
    /** Start relative to now, in hours (negative: already started). Default: in a day. */
    startsInHours?: number;
    durationHours?: number;
    cancelled?: boolean;
  } = {},
) {
  const startsAt = new Date(Date.now() + (values.startsInHours ?? 24) * HOUR);
  const endsAt = new Date(startsAt.getTime() + (values.durationHours ?? 1) * HOUR);
  return db
    .insertInto('events')
    .values({
      series_id: null,
      occurrence_date: null,
      space_id: values.spaceId ?? null,
      title: values.title ?? 'Permanence de test',
      kind: values.kind ?? 'permanence',
      starts_at: startsAt,
      ends_at: endsAt,
      timezone: 'Europe/Paris',
      mode: 'visio',
      capacity: null,
      video_url: 'https://visio.exemple.fr/permanence',
      address: null,
      accessibility_note: null,
      registration_deadline: null,
      cancelled_at: values.cancelled ? new Date() : null,
      created_by: null,
    })
    .returning(['id', 'title', 'starts_at'])
    .executeTakeFirstOrThrow();
}

export async function registerRow(
  db: Db,
  eventId: string,
  userId: string,
  status: 'registered' | 'waitlisted' | 'cancelled' = 'registered',
) {
  await db.insertInto('registrations').values({ event_id: eventId, user_id: userId, status }).execute();
}

export async function call(
  ctx: TestContext,
  person: TestPerson | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: object,
) {
  return ctx.app.inject({ method, url, headers: person?.headers ?? {}, ...(payload ? { payload } : {}) });
}

export async function ask(
  ctx: TestContext,
  person: TestPerson,
  eventId: string,
  body = 'Comment rejoindre un chantier ?',
) {
  const response = await call(ctx, person, 'POST', `/api/events/${eventId}/questions`, { body });
  if (response.statusCode !== 201) throw new Error(`ask failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { question: { id: string; votes: number; status: string } }).question;
}

export const questionRows = (db: Db, eventId: string) =>
  db.selectFrom('questions').selectAll().where('event_id', '=', eventId).orderBy('id').execute();

export const voteRows = (db: Db, questionId: string) =>
  db.selectFrom('question_votes').select('user_id').where('question_id', '=', questionId).execute();
