import { PARIS } from '@atelier/contract';
import { Temporal } from 'temporal-polyfill';

/**
 * When digests go out and what each covers, on Paris wall-clock time: the daily digest at
 * 07:00 every day, the weekly one at 07:00 on Mondays, whatever the season. The arithmetic is
 * Temporal's (see events/series/zoned-time.ts), so a DST change moves the instant, never the
 * hour people read on their clock.
 */

export type DigestPeriod = 'daily' | 'weekly';

const SEND_TIME = Temporal.PlainTime.from({ hour: 7, minute: 0 });
const STEP_DAYS: Record<DigestPeriod, number> = { daily: 1, weekly: 7 };
const MONDAY = 1;

const inParis = (instant: Date) => Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(PARIS);

/** 07:00 in Paris on that day (07:00 exists every day: the clocks change at 02:00 and 03:00). */
const sendTimeOn = (day: Temporal.PlainDate) => day.toZonedDateTime({ timeZone: PARIS, plainTime: SEND_TIME });

/** The first scheduled run of the period strictly after `after`. */
export function nextRunAt(period: DigestPeriod, after: Date): Date {
  let day = inParis(after).toPlainDate();
  if (period === 'weekly') day = day.add({ days: (7 + MONDAY - day.dayOfWeek) % 7 });
  for (;;) {
    const run = sendTimeOn(day);
    if (run.epochMilliseconds > after.getTime()) return new Date(run.epochMilliseconds);
    day = day.add({ days: STEP_DAYS[period] });
  }
}

/**
 * Where the period that ends at `at` starts: the same wall-clock time one day (one week)
 * earlier in Paris. Successive scheduled runs thus cover windows that meet exactly, 23 or 25
 * hours long across a DST change, so nothing falls between two digests or lands in both.
 */
export function periodStart(period: DigestPeriod, at: Date): Date {
  return new Date(inParis(at).subtract({ days: STEP_DAYS[period] }).epochMilliseconds);
}

/**
 * The period a run at `at` belongs to, named by its Paris date: `2026-12-05`, or the ISO week
 * `2026-W49`. A person gets at most one digest per key (`digest_deliveries`): a run started
 * again by hand on the same day (week) sends nothing to whoever already had theirs.
 */
export function periodKey(period: DigestPeriod, at: Date): string {
  const day = inParis(at).toPlainDate();
  if (period === 'daily') return day.toString();
  // The ISO calendar always has both; the fallback only satisfies the types.
  const week = String(day.weekOfYear ?? 0).padStart(2, '0');
  return `${day.yearOfWeek ?? day.year}-W${week}`;
}
