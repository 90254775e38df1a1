import { Temporal } from 'temporal-polyfill';

/**
 * Wall-clock time in a named IANA time zone, through Temporal (the `temporal-polyfill`
 * package until Node ships it). Events are defined as "12:30 in Paris", not as a fixed UTC
 * offset, so every conversion goes through the zone's rules for that very day. This module
 * only adapts Temporal to the shapes the agenda uses (`Date`, `WallTime`); the arithmetic is
 * Temporal's.
 */

/** A calendar date and time as people read it on a clock, in no particular zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const zonedAt = (instant: number, timeZone: string) =>
  Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(timeZone);

/**
 * True for a zone name of the tz database (e.g. `Europe/Paris`). Temporal also reads bare
 * offsets (`+01:00`) as zones; the agenda refuses them, since they know nothing of DST.
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (/^[+\-\u2212]/.test(timeZone)) return false;
  try {
    zonedAt(0, timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at `instant` (ms since epoch), in ms: +3 600 000 for Paris in winter. */
export function offsetAt(instant: number, timeZone: string): number {
  return zonedAt(instant, timeZone).offsetNanoseconds / 1_000_000;
}

/** The instant as a Temporal.ZonedDateTime in the zone (the form ical-generator writes with a TZID). */
export const zonedDateTime = (instant: Date, timeZone: string): Temporal.ZonedDateTime =>
  zonedAt(instant.getTime(), timeZone);

/**
 * The instant at which clocks in `timeZone` show `wall`. Across DST changes it takes Temporal's
 * `compatible` choice, the one RFC 5545 prescribes: a time that occurs twice (autumn) is the
 * first one, a time skipped by the spring change is moved forward by the gap (02:30 → 03:30).
 */
export function wallTimeToInstant(wall: WallTime, timeZone: string): Date {
  const zoned = Temporal.PlainDateTime.from(wall).toZonedDateTime(timeZone, { disambiguation: 'compatible' });
  return new Date(zoned.epochMilliseconds);
}

/** What clocks in `timeZone` show at `instant`. */
export function instantToWallTime(instant: Date, timeZone: string): WallTime {
  const { year, month, day, hour, minute } = zonedAt(instant.getTime(), timeZone);
  return { year, month, day, hour, minute };
}

/** The instants in `year` (UTC) at which the zone's offset changes. */
export function transitionsIn(timeZone: string, year: number): number[] {
  const end = Date.UTC(year + 1, 0, 1);
  const found: number[] = [];
  let next = zonedAt(Date.UTC(year, 0, 1) - 1, timeZone).getTimeZoneTransition('next');
  while (next && next.epochMilliseconds < end) {
    found.push(next.epochMilliseconds);
    next = next.getTimeZoneTransition('next');
  }
  return found;
}

/**
 * "Floating" dates carry a wall time in their UTC fields, with no zone: the form recurrence
 * rules are expanded in (rrule only knows UTC), so that "every first Tuesday at 12:30" stays
 * 12:30 all year.
 */
export function wallTimeToFloating(wall: WallTime): Date {
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
}

export function floatingToWallTime(floating: Date): WallTime {
  return {
    year: floating.getUTCFullYear(),
    month: floating.getUTCMonth() + 1,
    day: floating.getUTCDate(),
    hour: floating.getUTCHours(),
    minute: floating.getUTCMinutes(),
  };
}

/** ISO 8601 with the zone's offset at that instant, to the second: `2026-12-01T12:30:00+01:00`. */
export function formatInTimeZone(instant: Date, timeZone: string): string {
  return zonedAt(instant.getTime(), timeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' });
}
