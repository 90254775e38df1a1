import type { Db } from '../../db/database';
import type { EventsDeps } from '../../features/events/events.deps';
import { createEventsMailer } from '../../features/events/events.mail';
import { silentTransaction } from '../../plugins/realtime/types';
import type { TestContext } from '../app';

/** Events and registrations written straight to the database. */

const HOUR = 60 * 60_000;

/**
 * A one-off event (no series), by default an initiation session of a video call with 30 seats,
 * alliance-wide, starting in two days and lasting an hour.
 */
export async function createEvent(
  db: Db,
  values: {
    spaceId?: string | null;
    kind?: 'permanence' | 'initiation' | 'atelier' | 'autre';
    title?: string;
    /** Start relative to now, in hours (negative: already started). */
    startsInHours?: number;
    durationHours?: number;
    mode?: 'visio' | 'presentiel';
    /** Seats; null for no limit. */
    capacity?: number | null;
    videoUrl?: string | null;
    cancelled?: boolean;
    createdBy?: string | null;
    /** Makes it a session of that event. */
    parentId?: string;
    registrationQuestions?: Array<{ key: string; required: boolean }>;
  } = {},
) {
  const startsAt = new Date(Date.now() + (values.startsInHours ?? 48) * HOUR);
  return db
    .insertInto('events')
    .values({
      series_id: null,
      occurrence_date: null,
      space_id: values.spaceId ?? null,
      title: values.title ?? 'Session d’initiation',
      kind: values.kind ?? 'initiation',
      summary: 'Découvrir l’Atelier des transitions',
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + (values.durationHours ?? 1) * HOUR),
      timezone: 'Europe/Paris',
      mode: values.mode ?? 'visio',
      capacity: values.capacity === undefined ? 30 : values.capacity,
      video_url: values.videoUrl === undefined ? 'https://visio.exemple.fr/initiation-secrete' : values.videoUrl,
      address: null,
      accessibility_note: null,
      registration_deadline: null,
      cancelled_at: values.cancelled ? new Date() : null,
      created_by: values.createdBy ?? null,
      parent_id: values.parentId ?? null,
      registration_questions: JSON.stringify(values.registrationQuestions ?? []),
    })
    .returning(['id', 'title', 'starts_at'])
    .executeTakeFirstOrThrow();
}

/** A registration row, whatever the seats left: for tests that need a given state. */
export async function createRegistration(
  db: Db,
  eventId: string,
  userId: string,
  status: 'registered' | 'waitlisted' | 'cancelled' = 'registered',
  answers: Record<string, string> = {},
) {
  await db
    .insertInto('registrations')
    .values({ event_id: eventId, user_id: userId, status, answers: JSON.stringify(answers) })
    .execute();
}

/** Service dependencies on the test app, with a clock of the test's choosing. */
export function eventsDeps(ctx: TestContext, now: () => Date = () => new Date()): EventsDeps {
  return {
    db: ctx.database.db,
    transaction: silentTransaction(ctx.database.db),
    mailer: createEventsMailer(ctx.app.mail, ctx.config.publicUrl),
    jobs: ctx.app.jobs,
    publicUrl: ctx.config.publicUrl,
    now,
  };
}

/** Everything a refused write could have touched in the agenda, to compare before and after. */
export async function snapshotEvents(db: Db) {
  const [events, series, registrations, outbox] = await Promise.all([
    db.selectFrom('events').selectAll().orderBy('id').execute(),
    db.selectFrom('event_series').selectAll().orderBy('id').execute(),
    db.selectFrom('registrations').selectAll().orderBy('id').execute(),
    db.selectFrom('mail_outbox').select('id').orderBy('id').execute(),
  ]);
  return { events, series, registrations, outbox };
}
