import type { Db } from '../../db/database';
import { silentTransaction } from '../../plugins/realtime/types';
import type { TestContext } from '../../test/app';
import type { TestPerson } from '../spaces/spaces.fixtures';
import type { EventsDeps } from './events.deps';
import { createEventsMailer } from './events.mail';

/** Factories and HTTP helpers for event tests. */

const HOUR = 60 * 60_000;

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

export async function call(
  ctx: TestContext,
  person: TestPerson | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) {
  return ctx.app.inject({ method, url, headers: person?.headers ?? {}, ...(payload ? { payload } : {}) });
}

/** An event written straight to the database, starting `inHours` from now, lasting an hour. */
export async function createEventRow(
  db: Db,
  values: {
    spaceId?: string | null;
    capacity?: number | null;
    inHours?: number;
    title?: string;
    videoUrl?: string | null;
    mode?: 'visio' | 'presentiel';
    cancelled?: boolean;
    createdBy?: string | null;
  } = {},
) {
  const startsAt = new Date(Date.now() + (values.inHours ?? 48) * HOUR);
  return db
    .insertInto('events')
    .values({
      space_id: values.spaceId ?? null,
      title: values.title ?? 'Session d’initiation',
      kind: 'initiation',
      summary: 'Découvrir l’Atelier des transitions',
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + HOUR),
      timezone: 'Europe/Paris',
      mode: values.mode ?? 'visio',
      capacity: values.capacity === undefined ? 30 : values.capacity,
      video_url: values.videoUrl === undefined ? 'https://visio.exemple.fr/initiation-secrete' : values.videoUrl,
      address: null,
      accessibility_note: null,
      registration_deadline: null,
      created_by: values.createdBy ?? null,
      occurrence_date: null,
      series_id: null,
      ...(values.cancelled ? { cancelled_at: new Date() } : {}),
    })
    .returning(['id', 'starts_at'])
    .executeTakeFirstOrThrow();
}

/** Everything a refused write could have touched, to compare before and after. */
export async function snapshotEvents(db: Db) {
  const [events, series, registrations, outbox] = await Promise.all([
    db.selectFrom('events').selectAll().orderBy('id').execute(),
    db.selectFrom('event_series').selectAll().orderBy('id').execute(),
    db.selectFrom('registrations').selectAll().orderBy('id').execute(),
    db.selectFrom('mail_outbox').select('id').orderBy('id').execute(),
  ]);
  return { events, series, registrations, outbox };
}
