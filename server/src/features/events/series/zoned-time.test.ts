import { describe, expect, it } from 'vitest';
import {
  formatInTimeZone,
  instantToWallTime,
  isValidTimeZone,
  offsetAt,
  transitionsIn,
  wallTimeToInstant,
} from './zoned-time';

const PARIS = 'Europe/Paris';
const at = (year: number, month: number, day: number, hour: number, minute: number) => ({
  year,
  month,
  day,
  hour,
  minute,
});

describe('offsetAt', () => {
  it('gives Paris +01:00 in winter and +02:00 in summer', () => {
    expect(offsetAt(Date.parse('2026-01-15T12:00:00Z'), PARIS)).toBe(60 * 60_000);
    expect(offsetAt(Date.parse('2026-07-15T12:00:00Z'), PARIS)).toBe(2 * 60 * 60_000);
  });

  it('changes at 01:00 UTC on the last Sunday of March and of October', () => {
    expect(offsetAt(Date.parse('2026-03-29T00:59:59Z'), PARIS)).toBe(60 * 60_000);
    expect(offsetAt(Date.parse('2026-03-29T01:00:00Z'), PARIS)).toBe(2 * 60 * 60_000);
    expect(offsetAt(Date.parse('2026-10-25T00:59:59Z'), PARIS)).toBe(2 * 60 * 60_000);
    expect(offsetAt(Date.parse('2026-10-25T01:00:00Z'), PARIS)).toBe(60 * 60_000);
  });
});

describe('transitionsIn', () => {
  it('finds the two changes of Paris in 2026, to the second', () => {
    expect(transitionsIn(PARIS, 2026).map((at) => new Date(at).toISOString())).toEqual([
      '2026-03-29T01:00:00.000Z',
      '2026-10-25T01:00:00.000Z',
    ]);
    expect(transitionsIn('UTC', 2026)).toEqual([]);
  });
});

describe('wallTimeToInstant', () => {
  it('reads the same wall time with the offset of its own day', () => {
    expect(wallTimeToInstant(at(2026, 12, 1, 12, 30), PARIS).toISOString()).toBe('2026-12-01T11:30:00.000Z');
    expect(wallTimeToInstant(at(2026, 7, 7, 12, 30), PARIS).toISOString()).toBe('2026-07-07T10:30:00.000Z');
  });

  it('uses the new offset from the day of the spring change and back in autumn', () => {
    expect(wallTimeToInstant(at(2026, 3, 28, 12, 30), PARIS).toISOString()).toBe('2026-03-28T11:30:00.000Z');
    expect(wallTimeToInstant(at(2026, 3, 29, 12, 30), PARIS).toISOString()).toBe('2026-03-29T10:30:00.000Z');
    expect(wallTimeToInstant(at(2026, 10, 24, 12, 30), PARIS).toISOString()).toBe('2026-10-24T10:30:00.000Z');
    expect(wallTimeToInstant(at(2026, 10, 25, 12, 30), PARIS).toISOString()).toBe('2026-10-25T11:30:00.000Z');
  });

  it('moves a wall time skipped in spring forward by the gap', () => {
    // 02:30 does not exist in Paris on 29 March 2026: clocks jump from 02:00 to 03:00.
    const instant = wallTimeToInstant(at(2026, 3, 29, 2, 30), PARIS);
    expect(formatInTimeZone(instant, PARIS)).toBe('2026-03-29T03:30:00+02:00');
  });

  it('takes the first of the two instants of a wall time repeated in autumn', () => {
    // 02:30 happens twice in Paris on 25 October 2026: at +02:00, then again at +01:00.
    const instant = wallTimeToInstant(at(2026, 10, 25, 2, 30), PARIS);
    expect(instant.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(formatInTimeZone(instant, PARIS)).toBe('2026-10-25T02:30:00+02:00');
  });

  it('works for zones west of UTC with other change dates', () => {
    const ny = 'America/New_York';
    expect(formatInTimeZone(wallTimeToInstant(at(2026, 3, 8, 2, 30), ny), ny)).toBe('2026-03-08T03:30:00-04:00');
    expect(wallTimeToInstant(at(2026, 3, 7, 12, 30), ny).toISOString()).toBe('2026-03-07T17:30:00.000Z');
  });

  it('round-trips with instantToWallTime', () => {
    const wall = at(2027, 1, 5, 12, 30);
    expect(instantToWallTime(wallTimeToInstant(wall, PARIS), PARIS)).toEqual(wall);
  });
});

describe('formatInTimeZone', () => {
  it('writes ISO 8601 with the zone offset', () => {
    expect(formatInTimeZone(new Date('2026-12-01T11:30:00Z'), PARIS)).toBe('2026-12-01T12:30:00+01:00');
    expect(formatInTimeZone(new Date('2026-07-07T10:30:00Z'), PARIS)).toBe('2026-07-07T12:30:00+02:00');
    expect(formatInTimeZone(new Date('2026-07-07T10:30:00Z'), 'UTC')).toBe('2026-07-07T10:30:00+00:00');
    expect(formatInTimeZone(new Date('2026-01-01T03:00:00Z'), 'America/New_York')).toBe('2025-12-31T22:00:00-05:00');
  });

  it('parses back to the same instant', () => {
    const instant = new Date('2026-10-25T00:30:00Z');
    expect(new Date(formatInTimeZone(instant, PARIS)).getTime()).toBe(instant.getTime());
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA names and refuses others', () => {
    expect(isValidTimeZone(PARIS)).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
  });

  it('refuses bare offsets, which know nothing of daylight saving', () => {
    expect(isValidTimeZone('+01:00')).toBe(false);
    expect(isValidTimeZone('-05:00')).toBe(false);
  });
});
