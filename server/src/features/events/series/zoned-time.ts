/**
 * Wall-clock time in a named IANA time zone, with nothing but `Intl` (Node ships full ICU and
 * its tz database). Events are defined as "12:30 in Paris", not as a fixed UTC offset, so every
 * conversion goes through the zone's rules for that very day.
 */

/** A calendar date and time as people read it on a clock, in no particular zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a zone name that the runtime's tz database knows (e.g. `Europe/Paris`). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at `instant` (ms since epoch), in ms: +3 600 000 for Paris in winter. */
export function offsetAt(instant: number, timeZone: string): number {
  const wholeSeconds = Math.floor(instant / 1000) * 1000;
  const parts = formatterFor(timeZone).formatToParts(new Date(wholeSeconds));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - wholeSeconds;
}

const wallToUtcMs = (wall: WallTime) => Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);

/**
 * The instant at which clocks in `timeZone` show `wall`. Across DST changes it follows the
 * RFC 5545 / Temporal "compatible" choice: a time that occurs twice (autumn) is the first one,
 * a time skipped by the spring change is moved forward by the gap (02:30 → 03:30).
 */
export function wallTimeToInstant(wall: WallTime, timeZone: string): Date {
  const local = wallToUtcMs(wall);
  // Real zones change their offset at most once within a day, so the offsets a day before and a
  // day after are the only two candidates.
  const before = offsetAt(local - DAY, timeZone);
  const after = offsetAt(local + DAY, timeZone);
  const candidates = [local - before, local - after].filter(
    (instant) => instant + offsetAt(instant, timeZone) === local,
  );
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // In the spring gap: read the wall time with the offset in force before the change.
  return new Date(local - before);
}

/** What clocks in `timeZone` show at `instant`. */
export function instantToWallTime(instant: Date, timeZone: string): WallTime {
  return floatingToWallTime(new Date(instant.getTime() + offsetAt(instant.getTime(), timeZone)));
}

/**
 * "Floating" dates carry a wall time in their UTC fields, with no zone: the form recurrence
 * rules are expanded in, so that "every first Tuesday at 12:30" stays 12:30 all year.
 */
export function wallTimeToFloating(wall: WallTime): Date {
  return new Date(wallToUtcMs(wall));
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

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** ISO 8601 with the zone's offset at that instant: `2026-12-01T12:30:00+01:00`. */
export function formatInTimeZone(instant: Date, timeZone: string): string {
  const offset = offsetAt(instant.getTime(), timeZone);
  const local = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offset);
  const sign = offset < 0 ? '-' : '+';
  const offsetMinutes = Math.round(Math.abs(offset) / 60_000);
  const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return `${date}T${time}${sign}${pad(Math.floor(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
}
