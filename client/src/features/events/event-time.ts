/**
 * Wall-clock arithmetic for the events pages, with nothing but `Intl`: a form speaks in the
 * event's time zone ("12:30 in Paris"), the wire in instants with their offset.
 */

/** `YYYY-MM-DDTHH:mm`, the value of an `<input type="datetime-local">`. */
export type WallClock = string;

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let format = partsFormat.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormat.set(timeZone, format);
  }
  return format;
}

/** The calendar fields of `instant` as read on a clock in `timeZone`. */
export function zonedParts(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Minutes to add to UTC to get the wall clock of `timeZone` at `instant` (+60 in Paris in winter). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const pad = (value: number, length = 2) => String(Math.abs(value)).padStart(length, '0');

/** `+01:00`, `-05:00`, `+05:45`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

export const isWallClock = (value: string) => WALL_CLOCK.test(value);

/**
 * The instant a clock in `timeZone` shows `local`, as ISO 8601 with that zone's offset. A time
 * skipped by a DST change (02:30 on the last Sunday of March in Paris) moves forward by the
 * gap, as the clocks did; a repeated one (autumn) takes the first of the two.
 */
export function wallClockToIso(local: WallClock, timeZone: string): string {
  const match = WALL_CLOCK.exec(local);
  if (!match) throw new RangeError(`not a wall-clock time: ${local}`);
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The offsets half a day either side bracket any change near this time.
  const offsets = [
    ...new Set([-14, 14].map((hours) => zoneOffsetMinutes(new Date(asUtc + hours * 3_600_000), timeZone))),
  ];
  const fitting = offsets
    .map((offset) => asUtc - offset * 60_000)
    .filter((candidate) => isoToWallClock(new Date(candidate).toISOString(), timeZone) === local);
  // Overlap: the earlier instant. Gap: none fits; the offset before the change moves forward.
  const chosen = fitting.length > 0 ? Math.min(...fitting) : asUtc - (offsets[0] ?? 0) * 60_000;
  const instant = new Date(chosen);
  const shown = zoneOffsetMinutes(instant, timeZone);
  const p = zonedParts(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:00${formatOffset(shown)}`;
}

/** The wall clock of `iso` in `timeZone`, for a datetime-local input. */
export function isoToWallClock(iso: string, timeZone: string): WallClock {
  const p = zonedParts(new Date(iso), timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** `YYYY-MM` of `iso` on a calendar in `timeZone`. */
export function monthKey(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}`;
}

/** `YYYY-MM-DD` of `iso` on a calendar in `timeZone`. */
export function dayKey(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Items grouped by month (in `timeZone`), keeping their order; months in first-seen order. */
export function groupByMonth<T extends { startsAt: string }>(items: T[], timeZone: string) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = monthKey(item.startsAt, timeZone);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups].map(([month, events]) => ({ month, events }));
}

export const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month `delta` months after `month` (`YYYY-MM`). */
export function shiftMonth(month: string, delta: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (number - 1) + delta;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

/** The instants a month starts and ends on a calendar in `timeZone`. */
export function monthRange(month: string, timeZone: string): { from: string; to: string } {
  return {
    from: wallClockToIso(`${month}-01T00:00`, timeZone),
    to: wallClockToIso(`${shiftMonth(month, 1)}-01T00:00`, timeZone),
  };
}

/**
 * The weeks of a month, Monday first, as `YYYY-MM-DD` days; null where a week reaches into
 * the month before or after.
 */
export function monthWeeks(month: string): (string | null)[][] {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, number - 1, 1));
  const days = new Date(Date.UTC(year, number, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday = 0
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let day = 1; day <= days; day++) cells.push(`${month}-${pad(day)}`);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let index = 0; index < cells.length; index += 7) weeks.push(cells.slice(index, index + 7));
  return weeks;
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export type RecurrenceChoice = 'none' | 'weekly' | 'monthlyWeekday' | 'monthlyDay';

/** The parts of a start that name its repetition: weekday (0 = Monday), its rank in the month, the day. */
export function recurrenceAnchor(local: WallClock) {
  const match = WALL_CLOCK.exec(local);
  if (!match) return null;
  const [, y, mo, d] = match.map(Number) as [number, number, number, number];
  const weekday = (new Date(Date.UTC(y, mo - 1, d)).getUTCDay() + 6) % 7;
  const rank = Math.ceil(d / 7);
  // A fifth Tuesday does not come every month: "the last Tuesday" does.
  return { weekday, rank: rank === 5 ? -1 : rank, day: d };
}

/** The RFC 5545 RRULE for a choice made in the form, anchored on the first start; null for none. */
export function recurrenceRule(choice: RecurrenceChoice, start: WallClock): string | null {
  const anchor = recurrenceAnchor(start);
  if (!anchor || choice === 'none') return null;
  const weekday = WEEKDAYS[anchor.weekday];
  if (choice === 'weekly') return `FREQ=WEEKLY;BYDAY=${weekday}`;
  if (choice === 'monthlyWeekday') return `FREQ=MONTHLY;BYDAY=${anchor.rank}${weekday}`;
  return `FREQ=MONTHLY;BYMONTHDAY=${anchor.day}`;
}

/** The time zone of this device (what "your time" means), Paris when the browser will not say. */
export function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Paris';
  } catch {
    return 'Europe/Paris';
  }
}

/** Every IANA zone the browser knows; the preferred one is added where the list lacks it. */
export function timeZones(preferred: string): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const known = intl.supportedValuesOf?.('timeZone') ?? [];
  return known.includes(preferred) ? known : [preferred, ...known];
}
