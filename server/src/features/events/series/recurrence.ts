import { createRequire } from 'node:module';
import type * as RRuleModule from 'rrule';
import { floatingToWallTime, instantToWallTime, wallTimeToFloating, wallTimeToInstant } from './zoned-time';

// rrule 2.x publishes CommonJS under "main" and no "exports" map, so Node's ESM loader cannot
// see its named exports; requiring it is the reliable way on Node, tsx and vitest alike.
const { RRule } = createRequire(import.meta.url)('rrule') as typeof RRuleModule;

/** How a series repeats: an RFC 5545 rule applied to a local start time in a named zone. */
export interface SeriesSchedule {
  /** e.g. `FREQ=MONTHLY;BYDAY=1TU`; any DTSTART/TZID in it is ignored in favour of the fields below. */
  rrule: string;
  /** IANA zone the start time is read in, e.g. `Europe/Paris`. */
  timezone: string;
  /** First day of the series, `YYYY-MM-DD`. */
  firstDate: string;
  /** Local start time, `HH:MM`. */
  startTime: string;
  durationMinutes: number;
}

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Guards against a rule that never yields a match after `now` (it would still be finite). */
const MAX_STEPS = 2_000;

function parseDate(value: string) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new Error(`invalid series date: ${value}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function parseTime(value: string) {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new Error(`invalid series start time: ${value}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/**
 * The rule expanded in floating local time: rrule works on UTC fields only, so giving it the
 * wall time as if it were UTC keeps 12:30 at 12:30 whatever the season. Each floating result
 * is converted to a real instant afterwards, with the zone's offset for that day.
 */
function buildRule(schedule: SeriesSchedule) {
  const dtstart = wallTimeToFloating({ ...parseDate(schedule.firstDate), ...parseTime(schedule.startTime) });
  const options = RRule.parseString(schedule.rrule);
  return new RRule({ ...options, dtstart, tzid: null });
}

function toOccurrence(floating: Date, schedule: SeriesSchedule): Occurrence {
  const startsAt = wallTimeToInstant(floatingToWallTime(floating), schedule.timezone);
  return { startsAt, endsAt: new Date(startsAt.getTime() + schedule.durationMinutes * MINUTE) };
}

/** `instant` as a floating date in the schedule's zone. */
const floatingAt = (instant: Date, schedule: SeriesSchedule) =>
  wallTimeToFloating(instantToWallTime(instant, schedule.timezone));

/**
 * The occurrence in progress at `now`, or else the next one to start; null when the series has
 * ended. An occurrence is in progress from its start (included) to its end (excluded).
 */
export function nextOccurrence(schedule: SeriesSchedule, now: Date): Occurrence | null {
  const rule = buildRule(schedule);
  // Start a day early in floating time: the occurrence in progress began up to one duration
  // ago, and the day of margin absorbs any offset change in between.
  let cursor = new Date(floatingAt(now, schedule).getTime() - schedule.durationMinutes * MINUTE - DAY);
  let inclusive = true;
  for (let step = 0; step < MAX_STEPS; step++) {
    const floating = rule.after(cursor, inclusive);
    if (!floating) return null;
    const occurrence = toOccurrence(floating, schedule);
    if (occurrence.endsAt.getTime() > now.getTime()) return occurrence;
    cursor = floating;
    inclusive = false;
  }
  return null;
}

/** Occurrences that overlap [from, to), in order. */
export function occurrencesBetween(schedule: SeriesSchedule, from: Date, to: Date): Occurrence[] {
  const rule = buildRule(schedule);
  const after = new Date(floatingAt(from, schedule).getTime() - schedule.durationMinutes * MINUTE - DAY);
  const before = new Date(floatingAt(to, schedule).getTime() + DAY);
  return rule
    .between(after, before, true)
    .map((floating) => toOccurrence(floating, schedule))
    .filter((occurrence) => occurrence.endsAt > from && occurrence.startsAt < to);
}

const DAY_NAME = '(MO|TU|WE|TH|FR|SA|SU)';
const list = (item: string) => new RegExp(`^${item}(,${item})*$`);
/** The RRULE parts a series may use, each with the shape its value must have (RFC 5545 §3.3.10). */
const RULE_PARTS: Record<string, RegExp> = {
  // Sub-daily rules would make thousands of occurrences a year: not an agenda's business.
  FREQ: /^(DAILY|WEEKLY|MONTHLY|YEARLY)$/,
  INTERVAL: /^[1-9]\d{0,2}$/,
  COUNT: /^[1-9]\d{0,3}$/,
  UNTIL: /^\d{8}(T\d{6}Z)?$/,
  BYDAY: list(`([+-]?[1-5])?${DAY_NAME}`),
  BYMONTHDAY: list('-?([1-9]|[12]\\d|3[01])'),
  BYMONTH: list('([1-9]|1[0-2])'),
  BYSETPOS: list('-?[1-9]\\d{0,2}'),
  WKST: new RegExp(`^${DAY_NAME}$`),
};

/**
 * Checks a recurrence rule strictly (rrule's own parser accepts `FREQ=BOGUS` or `COUNT=abc`
 * silently) and returns it normalized, without any `RRULE:` prefix; null when it is not a rule
 * this agenda accepts. DTSTART and TZID never come from the rule: the series' fields hold them.
 */
export function normalizeRecurrenceRule(input: string): string | null {
  const text = input
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();
  if (text === '' || /[\r\n]/.test(text)) return null;
  const seen = new Set<string>();
  for (const part of text.split(';')) {
    const [key, value, extra] = part.split('=');
    const shape = key === undefined ? undefined : RULE_PARTS[key];
    if (!key || !shape || value === undefined || extra !== undefined || seen.has(key) || !shape.test(value))
      return null;
    seen.add(key);
  }
  if (!seen.has('FREQ') || (seen.has('COUNT') && seen.has('UNTIL'))) return null;
  try {
    RRule.parseString(text);
  } catch {
    return null;
  }
  return text;
}
