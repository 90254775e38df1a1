import {
  CalendarDate,
  endOfMonth,
  fromAbsolute,
  getDayOfWeek,
  getLocalTimeZone,
  parseDate,
  parseDateTime,
  today,
  toZoned,
  type ZonedDateTime,
} from '@internationalized/date';

/**
 * Wall-clock arithmetic for the events pages: a form speaks in the event's time zone ("12:30 in
 * Paris"), the wire in instants with their offset. The zone rules (offsets, DST gaps and
 * overlaps) are `@internationalized/date`'s, which reads them from the browser's own time-zone
 * database through `Intl`; this module only shapes its answers for the forms and the agenda.
 */

/** `YYYY-MM-DDTHH:mm`, the value of an `<input type="datetime-local">`. */
export type WallClock = string;

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Any day of the week counts from Monday, as French calendars do (0 = Monday). */
const WEEK_LOCALE = 'fr-FR';

/** The calendar fields of `instant` as read on a clock in `timeZone`. */
export function zonedParts(instant: Date, timeZone: string) {
  const { year, month, day, hour, minute, second } = fromAbsolute(instant.getTime(), timeZone);
  return { year, month, day, hour, minute, second };
}

/** Minutes to add to UTC to get the wall clock of `timeZone` at `instant` (+60 in Paris in winter). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  return Math.round(fromAbsolute(instant.getTime(), timeZone).offset / 60_000);
}

const pad = (value: number, length = 2) => String(Math.abs(value)).padStart(length, '0');

/** `+01:00`, `-05:00`, `+05:45`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

export const isWallClock = (value: string) => WALL_CLOCK.test(value);

const wallClockOf = (zoned: ZonedDateTime): WallClock =>
  `${pad(zoned.year, 4)}-${pad(zoned.month)}-${pad(zoned.day)}T${pad(zoned.hour)}:${pad(zoned.minute)}`;

/**
 * The instant a clock in `timeZone` shows `local`, as ISO 8601 with that zone's offset. A time
 * skipped by a DST change (02:30 on the last Sunday of March in Paris) moves forward by the
 * gap, as the clocks did; a repeated one (autumn) takes the first of the two: the "compatible"
 * disambiguation of RFC 5545 and Temporal.
 */
export function wallClockToIso(local: WallClock, timeZone: string): string {
  if (!WALL_CLOCK.test(local)) throw new RangeError(`not a wall-clock time: ${local}`);
  const zoned = toZoned(parseDateTime(local), timeZone, 'compatible');
  return `${wallClockOf(zoned)}:00${formatOffset(Math.round(zoned.offset / 60_000))}`;
}

/** The wall clock of `iso` in `timeZone`, for a datetime-local input. */
export function isoToWallClock(iso: string, timeZone: string): WallClock {
  return wallClockOf(fromAbsolute(Date.parse(iso), timeZone));
}

/** `YYYY-MM` of `iso` on a calendar in `timeZone`. */
export function monthKey(iso: string, timeZone: string): string {
  return isoToWallClock(iso, timeZone).slice(0, 7);
}

/** `YYYY-MM-DD` of `iso` on a calendar in `timeZone`. */
export function dayKey(iso: string, timeZone: string): string {
  return isoToWallClock(iso, timeZone).slice(0, 10);
}

/** The instant today starts on a calendar in `timeZone`. */
export function startOfToday(timeZone: string): string {
  return wallClockToIso(`${today(timeZone).toString()}T00:00`, timeZone);
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
  return parseDate(`${month}-01`).add({ months: delta }).toString().slice(0, 7);
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
  const first = parseDate(`${month}-01`);
  const days = endOfMonth(first).day;
  const cells: (string | null)[] = Array.from({ length: getDayOfWeek(first, WEEK_LOCALE) }, () => null);
  for (let day = 1; day <= days; day++) cells.push(first.set({ day }).toString());
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
  const weekday = getDayOfWeek(new CalendarDate(y, mo, d), WEEK_LOCALE);
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
    return getLocalTimeZone() || 'Europe/Paris';
  } catch {
    return 'Europe/Paris';
  }
}

/**
 * The zones the alliance's events are held in, first in the picker: metropolitan France, the
 * overseas territories, then French-speaking neighbours. Each names its message key.
 */
export const COMMON_TIME_ZONES = [
  ['Europe/Paris', 'paris'],
  ['America/Martinique', 'antilles'],
  ['America/Cayenne', 'guyane'],
  ['Indian/Reunion', 'reunion'],
  ['Indian/Mayotte', 'mayotte'],
  ['America/Miquelon', 'miquelon'],
  ['Pacific/Noumea', 'caledonie'],
  ['Pacific/Tahiti', 'polynesie'],
  ['Pacific/Wallis', 'wallis'],
  ['Europe/Brussels', 'belgique'],
  ['Europe/Luxembourg', 'luxembourg'],
  ['Europe/Zurich', 'suisse'],
  ['America/Toronto', 'quebec'],
] as const;
export type CommonZoneKey = (typeof COMMON_TIME_ZONES)[number][1];

/** "UTC+1", "UTC−3": the zone's offset now, to tell zones apart at a glance (empty when unknown here). */
export function utcOffset(zone: string, at = new Date()): string {
  try {
    const name = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
    return (name ?? 'GMT').replace('GMT', 'UTC').replace('-', '−').replace(/^UTC$/, 'UTC±0');
  } catch {
    return '';
  }
}

const withOffset = (label: string, zone: string) => {
  const offset = utcOffset(zone);
  return offset ? `${label} (${offset})` : label;
};

/**
 * The zone picker's two groups: the common zones (named by `label`), then every other IANA
 * zone the browser knows, by id. The preferred zone is always offered, even when unknown here.
 */
export function timeZoneGroups(preferred: string, label: (key: CommonZoneKey) => string) {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const known = intl.supportedValuesOf?.('timeZone') ?? [];
  const common = new Set<string>(COMMON_TIME_ZONES.map(([zone]) => zone));
  const others = [...(known.includes(preferred) || common.has(preferred) ? [] : [preferred]), ...known].filter(
    (zone) => !common.has(zone),
  );
  return {
    common: COMMON_TIME_ZONES.map(([zone, key]) => ({ value: zone, label: withOffset(label(key), zone) })),
    others: others.map((zone) => ({ value: zone, label: withOffset(zone.replaceAll('_', ' '), zone) })),
  };
}
