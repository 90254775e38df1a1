import { describe, expect, it } from 'vitest';
import { formatDate, formatEventRange, formatTime } from './format';

describe('formatEventRange in Europe/Paris', () => {
  it('writes a winter permanence (UTC+1) the French way', () => {
    expect(formatEventRange('2026-12-01T11:30:00Z', '2026-12-01T12:30:00Z', 'fr')).toBe(
      'mardi 1 décembre 2026, 12 h 30 – 13 h 30',
    );
  });

  it('writes a summer permanence (UTC+2) at the same local time', () => {
    expect(formatEventRange('2026-07-07T10:30:00Z', '2026-07-07T11:30:00Z', 'fr')).toBe(
      'mardi 7 juillet 2026, 12 h 30 – 13 h 30',
    );
  });

  it('follows the spring-forward night: 01:59 UTC+1 then 03:00 UTC+2', () => {
    expect(formatTime(new Date('2026-03-29T00:59:00Z'), 'fr')).toBe('1 h 59');
    expect(formatTime(new Date('2026-03-29T01:00:00Z'), 'fr')).toBe('3 h 00');
  });

  it('follows the fall-back night, when 2 h 30 happens twice', () => {
    expect(formatTime(new Date('2026-10-25T00:30:00Z'), 'fr')).toBe('2 h 30');
    expect(formatTime(new Date('2026-10-25T01:30:00Z'), 'fr')).toBe('2 h 30');
    expect(formatTime(new Date('2026-10-25T02:30:00Z'), 'fr')).toBe('3 h 30');
  });

  it('accepts any ISO offset and still shows Paris time', () => {
    expect(formatEventRange('2026-12-01T06:30:00-05:00', '2026-12-01T07:30:00-05:00', 'fr')).toBe(
      'mardi 1 décembre 2026, 12 h 30 – 13 h 30',
    );
  });

  it('names the end day when the event runs past midnight', () => {
    expect(formatEventRange('2026-12-01T22:00:00Z', '2026-12-02T00:30:00Z', 'fr')).toBe(
      'mardi 1 décembre 2026, 23 h 00 – mercredi 2 décembre 2026, 1 h 30',
    );
  });

  it('writes English with a 24-hour clock', () => {
    // ICU versions differ on the comma after the weekday; the times are what matters.
    expect(formatEventRange('2026-12-01T11:30:00Z', '2026-12-01T12:30:00Z', 'en')).toMatch(
      /^Tuesday,? 1 December 2026, 12:30 – 13:30$/,
    );
  });

  it('uses the day in Paris, not in UTC, near midnight', () => {
    expect(formatDate('2026-06-30T22:30:00Z', 'fr')).toBe('1 juillet 2026');
  });
});
