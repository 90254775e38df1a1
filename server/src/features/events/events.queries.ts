import { type ExpressionBuilder, type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { DB, EventSeriesTable, EventsTable } from '../../db/schema';

/** The columns of a series, `first_date` as text (see `findSeriesBySlug`). */
const seriesColumns = (eb: ExpressionBuilder<DB, 'event_series'>) =>
  [
    'event_series.id',
    'event_series.slug',
    'event_series.title',
    'event_series.kind',
    'event_series.summary',
    'event_series.space_id',
    'event_series.rrule',
    'event_series.timezone',
    'event_series.start_time',
    'event_series.duration_minutes',
    'event_series.mode',
    'event_series.capacity',
    'event_series.video_url',
    'event_series.address',
    'event_series.accessibility_note',
    'event_series.created_by',
    eb.fn<string>('to_char', [eb.ref('event_series.first_date'), sql.lit('YYYY-MM-DD')]).as('first_date'),
  ] as const;

export type SeriesRecord = Omit<Selectable<EventSeriesTable>, 'first_date' | 'created_at'> & { first_date: string };

/**
 * A recurring series by slug. `first_date` comes back as text: drivers turn a SQL `date` into a
 * JavaScript Date at midnight in the process's own zone, which could shift it by a day.
 */
export async function findSeriesBySlug(db: Db, slug: string): Promise<SeriesRecord | undefined> {
  return db.selectFrom('event_series').select(seriesColumns).where('slug', '=', slug).executeTakeFirst();
}

export async function findSeriesById(db: Db, id: string): Promise<SeriesRecord | undefined> {
  return db.selectFrom('event_series').select(seriesColumns).where('id', '=', id).executeTakeFirst();
}

/** Every series: a handful (the permanence, a few cycles), expanded when a range is listed. */
export async function listSeries(db: Db): Promise<SeriesRecord[]> {
  return db.selectFrom('event_series').select(seriesColumns).orderBy('created_at').execute();
}

export async function insertSeries(db: Db, values: Omit<SeriesRecord, 'id'>): Promise<SeriesRecord> {
  const { id } = await db.insertInto('event_series').values(values).returning('id').executeTakeFirstOrThrow();
  return { id, ...values };
}

/** An event and what access decisions need about its space (null columns: alliance-wide). */
export const EVENT_COLUMNS = [
  'events.id',
  'events.series_id',
  'events.space_id',
  'events.title',
  'events.kind',
  'events.summary',
  'events.starts_at',
  'events.ends_at',
  'events.timezone',
  'events.mode',
  'events.capacity',
  'events.video_url',
  'events.address',
  'events.accessibility_note',
  'events.registration_deadline',
  'events.cancelled_at',
  'events.cancel_reason',
  'events.report_document_id',
  'events.follow_up_thread_id',
  'events.parent_id',
  'events.registration_questions',
  'events.created_at',
  'events.updated_at',
  'spaces.slug as space_slug',
  'spaces.title as space_title',
  'spaces.visibility as space_visibility',
  'spaces.join_policy as space_join_policy',
  'spaces.status as space_status',
  'spaces.guest_registration as space_guest_registration',
] as const;

const occurrenceDate = sql<string | null>`to_char(events.occurrence_date, 'YYYY-MM-DD')`.as('occurrence_date');

const eventsWithSpace = (db: Db) =>
  db
    .selectFrom('events')
    .leftJoin('spaces', 'spaces.id', 'events.space_id')
    .select([...EVENT_COLUMNS, occurrenceDate]);

export type EventRecord = Awaited<ReturnType<typeof findEvent>> & {};

export async function findEvent(db: Db, id: string) {
  return eventsWithSpace(db).where('events.id', '=', id).executeTakeFirst();
}

/**
 * Locks the event row for the rest of the transaction. Every change to its registrations
 * takes this lock first, so seat counts are read and written one transaction at a time:
 * 200 simultaneous sign-ups for 30 seats give exactly 30 seats.
 */
export async function lockEvent(trx: Db, id: string) {
  return eventsWithSpace(trx).where('events.id', '=', id).forUpdate(['events']).executeTakeFirst();
}

export interface EventRangeFilter {
  from: Date;
  to: Date;
  spaceId?: string | undefined;
  kind?: EventRecord['kind'] | undefined;
  /** Only these events (the calendar feed). */
  ids?: string[] | undefined;
}

/**
 * Events overlapping [from, to), by start; access is filtered by the caller through the policy.
 * Sessions are listed on their event's page, not in the agenda, unless asked for by id.
 */
export async function listEventsBetween(db: Db, filter: EventRangeFilter): Promise<EventRecord[]> {
  let query = eventsWithSpace(db).where('events.ends_at', '>', filter.from).where('events.starts_at', '<', filter.to);
  if (filter.spaceId) query = query.where('events.space_id', '=', filter.spaceId);
  if (filter.kind) query = query.where('events.kind', '=', filter.kind);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    query = query.where('events.id', 'in', filter.ids);
  } else query = query.where('events.parent_id', 'is', null);
  return query.orderBy('events.starts_at').orderBy('events.id').execute();
}

/** An event's sessions, by start, then by title (parallel workshops: « Atelier A », « Atelier B »). */
export async function listSessions(db: Db, parentId: string): Promise<EventRecord[]> {
  return eventsWithSpace(db)
    .where('events.parent_id', '=', parentId)
    .orderBy('events.starts_at')
    .orderBy('events.title')
    .orderBy('events.id')
    .execute();
}

export type EventInsert = Omit<
  Selectable<EventsTable>,
  | 'id'
  | 'created_at'
  | 'updated_at'
  | 'summary'
  | 'cancel_reason'
  | 'cancelled_at'
  | 'report_document_id'
  | 'follow_up_thread_id'
  | 'parent_id'
  | 'registration_questions'
> & { summary: string };

/** A one-off event or a session (`parent_id`), with its questions as JSON text. */
export async function insertEvent(
  db: Db,
  values: EventInsert & { parent_id?: string | null; registration_questions?: string },
): Promise<string> {
  const { id } = await db.insertInto('events').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/**
 * Inserts occurrences not materialized yet; the unique (series_id, occurrence_date) key makes
 * concurrent listings and an occurrence moved or cancelled alone safe: it is never re-created.
 * Returns the rows actually inserted.
 */
export async function insertOccurrences(db: Db, rows: EventInsert[]) {
  if (rows.length === 0) return [];
  return db
    .insertInto('events')
    .values(rows)
    .onConflict((conflict) => conflict.columns(['series_id', 'occurrence_date']).doNothing())
    .returning(['id', 'starts_at'])
    .execute();
}

export async function updateEvent(
  db: Db,
  id: string,
  values: Partial<Omit<EventInsert, 'series_id'>> & { registration_questions?: string },
) {
  await db
    .updateTable('events')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Cancels an event and its sessions not cancelled yet; returns the sessions' ids. */
export async function markEventCancelled(db: Db, id: string, reason: string): Promise<string[]> {
  await db
    .updateTable('events')
    .set({ cancelled_at: sql`now()`, cancel_reason: reason, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
  const sessions = await db
    .updateTable('events')
    .set({ cancelled_at: sql`now()`, cancel_reason: reason, updated_at: sql`now()` })
    .where('parent_id', '=', id)
    .where('cancelled_at', 'is', null)
    .returning('id')
    .execute();
  return sessions.map((session) => session.id);
}

/** The earliest start and latest end of an event's sessions (null without sessions). */
export async function sessionsSpan(db: Db, parentId: string) {
  const row = await db
    .selectFrom('events')
    .select((eb) => [eb.fn.min('starts_at').as('first_start'), eb.fn.max('ends_at').as('last_end')])
    .where('parent_id', '=', parentId)
    .executeTakeFirst();
  return row?.first_start && row.last_end
    ? { firstStart: new Date(row.first_start), lastEnd: new Date(row.last_end) }
    : null;
}

/** Occurrences of a series that left the rule's slot: cancelled or moved alone (for ICS). */
export async function listSeriesExceptions(db: Db, seriesId: string) {
  return db
    .selectFrom('events')
    .select(['id', 'title', 'starts_at', 'ends_at', 'timezone', 'cancelled_at', 'summary', occurrenceDate])
    .where('series_id', '=', seriesId)
    .execute();
}

/** Links the event to its compte rendu or its follow-up thread (under the event's lock). */
export async function linkEvent(
  db: Db,
  id: string,
  link: { report_document_id: string } | { follow_up_thread_id: string },
) {
  await db.updateTable('events').set(link).where('id', '=', id).execute();
}

/** Which of these occurrence dates (`YYYY-MM-DD`) of the series already exist as rows. */
export async function existingOccurrenceDates(db: Db, seriesId: string, dates: string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('events')
    .select((eb) => eb.fn<string>('to_char', [eb.ref('occurrence_date'), eb.val('YYYY-MM-DD')]).as('day'))
    .where('series_id', '=', seriesId)
    .where('occurrence_date', 'in', dates)
    .execute();
  return new Set(rows.map((row) => row.day));
}

/** The series' occurrence in progress or the next one, not cancelled. */
export const findNextOccurrence = (db: Db, seriesId: string, now: Date) =>
  db
    .selectFrom('events')
    .select(['id', 'title', 'summary', 'starts_at', 'ends_at', 'timezone', 'mode'])
    .where('series_id', '=', seriesId)
    .where('cancelled_at', 'is', null)
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .limit(1)
    .executeTakeFirst();
