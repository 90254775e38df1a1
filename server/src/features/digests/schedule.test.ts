import { describe, expect, it } from 'vitest';
import { nextRunAt, periodKey, periodStart } from './schedule';

// Europe/Paris in 2026: CET (+01:00) until Sunday 29 March 02:00, when clocks jump to 03:00
// CEST (+02:00); back to CET on Sunday 25 October at 03:00 → 02:00.
const utc = (iso: string) => new Date(iso);

describe('nextRunAt', () => {
  it('is 07:00 Paris the same day when that is still ahead, else the next day', () => {
    expect(nextRunAt('daily', utc('2026-12-05T05:59:00Z'))).toEqual(utc('2026-12-05T06:00:00Z'));
    expect(nextRunAt('daily', utc('2026-12-05T06:00:00Z'))).toEqual(utc('2026-12-06T06:00:00Z'));
    // 23:30 UTC is already the next day in Paris.
    expect(nextRunAt('daily', utc('2026-12-05T23:30:00Z'))).toEqual(utc('2026-12-06T06:00:00Z'));
  });

  it('stays at 07:00 on the clock across the spring change (23 hours between runs)', () => {
    const saturday = nextRunAt('daily', utc('2026-03-28T05:00:00Z'));
    expect(saturday).toEqual(utc('2026-03-28T06:00:00Z')); // 07:00 CET
    const sunday = nextRunAt('daily', saturday);
    expect(sunday).toEqual(utc('2026-03-29T05:00:00Z')); // 07:00 CEST
    expect(sunday.getTime() - saturday.getTime()).toBe(23 * 3_600_000);
  });

  it('stays at 07:00 on the clock across the autumn change (25 hours between runs)', () => {
    const saturday = utc('2026-10-24T05:00:00Z'); // 07:00 CEST
    const sunday = nextRunAt('daily', saturday);
    expect(sunday).toEqual(utc('2026-10-25T06:00:00Z')); // 07:00 CET
    expect(sunday.getTime() - saturday.getTime()).toBe(25 * 3_600_000);
  });

  it('is the next Monday 07:00 Paris for the weekly digest, across a DST change too', () => {
    expect(nextRunAt('weekly', utc('2026-12-02T10:00:00Z'))).toEqual(utc('2026-12-07T06:00:00Z')); // Wednesday → Monday
    expect(nextRunAt('weekly', utc('2026-12-07T05:59:59Z'))).toEqual(utc('2026-12-07T06:00:00Z')); // Monday before 07:00
    expect(nextRunAt('weekly', utc('2026-12-07T06:00:00Z'))).toEqual(utc('2026-12-14T06:00:00Z')); // Monday at 07:00
    const before = utc('2026-03-23T06:00:00Z'); // Monday 07:00 CET
    const after = nextRunAt('weekly', before);
    expect(after).toEqual(utc('2026-03-30T05:00:00Z')); // Monday 07:00 CEST
    expect(after.getTime() - before.getTime()).toBe((7 * 24 - 1) * 3_600_000);
  });
});

describe('periodStart', () => {
  it('is the same Paris wall time a day or a week earlier, so windows meet across DST', () => {
    const sunday = utc('2026-03-29T05:00:00Z');
    expect(periodStart('daily', sunday)).toEqual(utc('2026-03-28T06:00:00Z'));
    expect(periodStart('daily', utc('2026-10-25T06:00:00Z'))).toEqual(utc('2026-10-24T05:00:00Z'));
    expect(periodStart('weekly', utc('2026-03-30T05:00:00Z'))).toEqual(utc('2026-03-23T06:00:00Z'));
    // Each run's window starts where the previous run's ended.
    let run = utc('2026-03-26T06:00:00Z');
    for (let i = 0; i < 5; i++) {
      const next = nextRunAt('daily', run);
      expect(periodStart('daily', next)).toEqual(run);
      run = next;
    }
  });
});

describe('periodKey', () => {
  it('names the Paris day, and the ISO week, of the run', () => {
    expect(periodKey('daily', utc('2026-12-05T06:00:00Z'))).toBe('2026-12-05');
    expect(periodKey('weekly', utc('2026-12-05T06:00:00Z'))).toBe('2026-W49');
    expect(periodKey('weekly', utc('2026-12-07T06:00:00Z'))).toBe('2026-W50');
    // 23:30 UTC on 31 December is New Year's Day in Paris, in the 53rd ISO week of 2026.
    expect(periodKey('daily', utc('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(periodKey('weekly', utc('2026-12-31T23:30:00Z'))).toBe('2026-W53');
    expect(periodKey('weekly', utc('2027-01-04T06:00:00Z'))).toBe('2027-W01');
  });
});
