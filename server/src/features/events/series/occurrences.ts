import type { Db } from '../../../db/database';
import { type EventInsert, existingOccurrenceDates, insertOccurrences, type SeriesRecord } from '../events.queries';
import { occurrencesBetween } from './recurrence';
import { instantToWallTime } from './zoned-time';

const DAY = 24 * 60 * 60_000;
/** Occurrences exist as rows up to this far ahead; beyond, the series' rule alone describes them. */
export const MATERIALIZE_AHEAD_DAYS = 366;
/** A ceiling per call, whatever the rule (a daily series over a year stays below it). */
const MAX_PER_CALL = 400;

const pad = (value: number) => String(value).padStart(2, '0');

/** The occurrence's date by its rule, in the series' zone: the key that it keeps when moved. */
export function occurrenceDateOf(startsAt: Date, timezone: string): string {
  const wall = instantToWallTime(startsAt, timezone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
}

/**
 * Makes sure every occurrence of the series overlapping [from, to) — but none further than
 * MATERIALIZE_AHEAD_DAYS from now — exists as an event row, each with its own id. Existing ones
 * (even moved or cancelled alone) are left as they are. Returns the rows it inserted.
 */
export async function materializeSeries(
  db: Db,
  series: SeriesRecord,
  range: { from: Date; to: Date; now: Date },
): Promise<Array<{ id: string; starts_at: Date }>> {
  const until = new Date(Math.min(range.to.getTime(), range.now.getTime() + MATERIALIZE_AHEAD_DAYS * DAY));
  if (until <= range.from) return [];
  const schedule = {
    rrule: series.rrule,
    timezone: series.timezone,
    firstDate: series.first_date,
    startTime: series.start_time,
    durationMinutes: series.duration_minutes,
  };
  const wanted = occurrencesBetween(schedule, range.from, until).slice(0, MAX_PER_CALL);
  if (wanted.length === 0) return [];
  const dates = wanted.map((occurrence) => occurrenceDateOf(occurrence.startsAt, series.timezone));
  const existing = await existingOccurrenceDates(db, series.id, dates);
  const rows: EventInsert[] = wanted
    .map((occurrence, index) => ({ occurrence, date: dates[index] as string }))
    .filter(({ date }) => !existing.has(date))
    .map(({ occurrence, date }) => ({
      series_id: series.id,
      occurrence_date: date,
      space_id: series.space_id,
      title: series.title,
      kind: series.kind,
      summary: series.summary,
      starts_at: occurrence.startsAt,
      ends_at: occurrence.endsAt,
      timezone: series.timezone,
      mode: series.mode,
      capacity: series.capacity,
      video_url: series.video_url,
      address: series.address,
      accessibility_note: series.accessibility_note,
      registration_deadline: null,
      created_by: series.created_by,
    }));
  return insertOccurrences(db, rows);
}
