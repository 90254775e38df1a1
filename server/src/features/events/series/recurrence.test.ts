import { describe, expect, it } from 'vitest';
import { nextOccurrence, normalizeRecurrenceRule, occurrencesBetween, type SeriesSchedule } from './recurrence';
import { formatInTimeZone, instantToWallTime } from './zoned-time';

const PARIS = 'Europe/Paris';
const permanence: SeriesSchedule = {
  rrule: 'FREQ=MONTHLY;BYDAY=1TU',
  timezone: PARIS,
  firstDate: '2024-01-02',
  startTime: '12:30',
  durationMinutes: 60,
};

const paris = (date: Date) => formatInTimeZone(date, PARIS);
const next = (now: string) => {
  const occurrence = nextOccurrence(permanence, new Date(now));
  if (!occurrence) throw new Error('expected an occurrence');
  return { startsAt: paris(occurrence.startsAt), endsAt: paris(occurrence.endsAt) };
};

describe('nextOccurrence of the permanence (first Tuesday, 12:30 Paris)', () => {
  it('finds the next first Tuesday, at 12:30 +01:00 in winter', () => {
    expect(next('2026-11-28T17:00:00Z')).toEqual({
      startsAt: '2026-12-01T12:30:00+01:00',
      endsAt: '2026-12-01T13:30:00+01:00',
    });
  });

  it('keeps 12:30 in summer, at +02:00', () => {
    expect(next('2026-06-15T08:00:00Z').startsAt).toBe('2026-07-07T12:30:00+02:00');
  });

  it('skips the second Tuesday and later ones', () => {
    // 3 March 2026 is the first Tuesday; after it, the next is 7 April, not 10 March.
    expect(next('2026-03-04T00:00:00Z').startsAt).toBe('2026-04-07T12:30:00+02:00');
  });

  it('follows the spring change: 1 April 2025 is two days after it, so +02:00', () => {
    expect(next('2025-03-30T12:00:00Z').startsAt).toBe('2025-04-01T12:30:00+02:00');
    expect(next('2025-03-01T12:00:00Z').startsAt).toBe('2025-03-04T12:30:00+01:00');
  });

  it('follows the autumn change: +02:00 in October, +01:00 in November', () => {
    expect(next('2026-10-01T00:00:00Z').startsAt).toBe('2026-10-06T12:30:00+02:00');
    expect(next('2026-10-25T12:00:00Z').startsAt).toBe('2026-11-03T12:30:00+01:00');
  });

  it('returns the occurrence in progress until its end, then the next one', () => {
    expect(next('2026-12-01T11:30:00Z').startsAt).toBe('2026-12-01T12:30:00+01:00');
    expect(next('2026-12-01T12:29:59Z').startsAt).toBe('2026-12-01T12:30:00+01:00');
    expect(next('2026-12-01T12:30:00Z').startsAt).toBe('2027-01-05T12:30:00+01:00');
  });

  it('starts with the first date when asked before the series begins', () => {
    expect(next('2023-06-01T00:00:00Z').startsAt).toBe('2024-01-02T12:30:00+01:00');
  });

  it('returns null once a bounded series is over', () => {
    const bounded = { ...permanence, rrule: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=3' };
    expect(nextOccurrence(bounded, new Date('2024-03-05T11:00:00Z'))?.startsAt.toISOString()).toBe(
      '2024-03-05T11:30:00.000Z',
    );
    expect(nextOccurrence(bounded, new Date('2024-03-05T12:30:00Z'))).toBeNull();
  });
});

describe('occurrencesBetween', () => {
  it('gives twelve first Tuesdays a year, all at 12:30 Paris wall time', () => {
    const year = occurrencesBetween(permanence, new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(year).toHaveLength(12);
    for (const { startsAt } of year) {
      const wall = instantToWallTime(startsAt, PARIS);
      expect(new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay()).toBe(2);
      expect(wall.day).toBeLessThanOrEqual(7);
      expect([wall.hour, wall.minute]).toEqual([12, 30]);
    }
    expect(year.map(({ startsAt }) => paris(startsAt).slice(-6))).toEqual([
      ...Array(3).fill('+01:00'),
      ...Array(7).fill('+02:00'),
      ...Array(2).fill('+01:00'),
    ]);
  });

  it('keeps a weekly wall time across the weekend of the spring change', () => {
    const sundays = { ...permanence, rrule: 'FREQ=WEEKLY;BYDAY=SU', firstDate: '2026-03-01' };
    const around = occurrencesBetween(sundays, new Date('2026-03-20T00:00:00Z'), new Date('2026-04-06T00:00:00Z'));
    expect(around.map(({ startsAt }) => startsAt.toISOString())).toEqual([
      '2026-03-22T11:30:00.000Z',
      '2026-03-29T10:30:00.000Z',
      '2026-04-05T10:30:00.000Z',
    ]);
  });

  it('keeps a weekly wall time across the weekend of the autumn change', () => {
    const sundays = { ...permanence, rrule: 'FREQ=WEEKLY;BYDAY=SU', firstDate: '2026-10-04' };
    const around = occurrencesBetween(sundays, new Date('2026-10-17T00:00:00Z'), new Date('2026-11-02T00:00:00Z'));
    expect(around.map(({ startsAt }) => paris(startsAt))).toEqual([
      '2026-10-18T12:30:00+02:00',
      '2026-10-25T12:30:00+01:00',
      '2026-11-01T12:30:00+01:00',
    ]);
  });

  it('includes an occurrence that started before `from` but is still running', () => {
    const running = occurrencesBetween(permanence, new Date('2026-12-01T12:00:00Z'), new Date('2026-12-02T00:00:00Z'));
    expect(running.map(({ startsAt }) => paris(startsAt))).toEqual(['2026-12-01T12:30:00+01:00']);
  });
});

describe('normalizeRecurrenceRule', () => {
  it('accepts the rules of an agenda, normalized without a prefix', () => {
    expect(normalizeRecurrenceRule('FREQ=MONTHLY;BYDAY=1TU')).toBe('FREQ=MONTHLY;BYDAY=1TU');
    expect(normalizeRecurrenceRule(' rrule:freq=weekly;interval=2;byday=mo,th ')).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
    );
    expect(normalizeRecurrenceRule('FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231T230000Z')).toBe(
      'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231T230000Z',
    );
  });

  it('refuses what rrule would accept silently, sub-daily rules and injected lines', () => {
    for (const rule of [
      '',
      'FREQ=BOGUS',
      'BYDAY=MO',
      'FREQ=WEEKLY;COUNT=abc',
      'FREQ=WEEKLY;BYDAY=XX',
      'FREQ=WEEKLY;INTERVAL=0',
      'FREQ=HOURLY',
      'FREQ=DAILY;COUNT=3;UNTIL=20270101',
      'FREQ=DAILY;FREQ=WEEKLY',
      'FREQ=DAILY\nDTSTART:20200101T000000Z',
      'FREQ=DAILY;TZID=Europe/Paris',
    ]) {
      expect(normalizeRecurrenceRule(rule), rule).toBeNull();
    }
  });
});
