import type { NextOccurrence } from '@atelier/contract';
import type { Db } from '../../db/database';
import { findSeriesBySlug } from './events.queries';
import { nextOccurrence } from './recurrence';
import { formatInTimeZone } from './zoned-time';

/** The slug of the alliance's monthly drop-in series, created by the seed. */
export const PERMANENCE_SLUG = 'permanence';

export interface EventsDeps {
  db: Db;
}

/**
 * The permanence in progress, or else the next one; null when the series does not exist (an
 * unseeded database) or has ended. Times carry the series' own offset, e.g. `+01:00` in winter.
 */
export async function getNextPermanence({ db }: EventsDeps, { now }: { now: Date }): Promise<NextOccurrence | null> {
  const series = await findSeriesBySlug(db, PERMANENCE_SLUG);
  if (!series) return null;
  const occurrence = nextOccurrence(
    {
      rrule: series.rrule,
      timezone: series.timezone,
      firstDate: series.first_date,
      startTime: series.start_time,
      durationMinutes: series.duration_minutes,
    },
    now,
  );
  if (!occurrence) return null;
  return {
    seriesId: series.id,
    title: series.title,
    kind: series.kind,
    summary: series.summary,
    startsAt: formatInTimeZone(occurrence.startsAt, series.timezone),
    endsAt: formatInTimeZone(occurrence.endsAt, series.timezone),
    timezone: series.timezone,
    mode: series.mode,
  };
}
