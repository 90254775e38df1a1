import { describe, expect, it } from 'vitest';
import {
  formatOffset,
  groupByMonth,
  isoToWallClock,
  monthRange,
  monthWeeks,
  recurrenceRule,
  shiftMonth,
  startOfToday,
  timeZoneGroups,
  wallClockToIso,
  zoneOffsetMinutes,
} from './event-time';

const PARIS = 'Europe/Paris';

describe('wall clock and instants', () => {
  it('writes a Paris time with the offset in force that day, winter and summer', () => {
    expect(wallClockToIso('2026-12-01T12:30', PARIS)).toBe('2026-12-01T12:30:00+01:00');
    expect(wallClockToIso('2026-07-07T12:30', PARIS)).toBe('2026-07-07T12:30:00+02:00');
    expect(wallClockToIso('2026-07-07T12:30', 'America/New_York')).toBe('2026-07-07T12:30:00-04:00');
    expect(wallClockToIso('2026-07-07T12:30', 'Asia/Kathmandu')).toBe('2026-07-07T12:30:00+05:45');
  });

  it('moves a time skipped in spring forward, and takes the first of a repeated autumn time', () => {
    expect(wallClockToIso('2026-03-29T02:30', PARIS)).toBe('2026-03-29T03:30:00+02:00');
    const repeated = wallClockToIso('2026-10-25T02:30', PARIS);
    expect(repeated).toBe('2026-10-25T02:30:00+02:00');
    expect(new Date(repeated).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // The same rule in another zone and another DST calendar.
    expect(wallClockToIso('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
    expect(wallClockToIso('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T01:30:00-04:00');
  });

  it('refuses what is not a wall clock', () => {
    expect(() => wallClockToIso('2026-12-01 12:30', PARIS)).toThrow(RangeError);
  });

  it('reads an instant back as the wall clock of the zone, whatever the device', () => {
    expect(isoToWallClock('2026-12-01T11:30:00Z', PARIS)).toBe('2026-12-01T12:30');
    expect(isoToWallClock('2026-12-01T11:30:00Z', 'America/New_York')).toBe('2026-12-01T06:30');
    expect(isoToWallClock(wallClockToIso('2027-02-02T12:30', PARIS), PARIS)).toBe('2027-02-02T12:30');
  });

  it('knows offsets', () => {
    expect(zoneOffsetMinutes(new Date('2026-01-15T12:00:00Z'), PARIS)).toBe(60);
    expect(zoneOffsetMinutes(new Date('2026-06-15T12:00:00Z'), PARIS)).toBe(120);
    expect(formatOffset(-300)).toBe('-05:00');
    expect(formatOffset(345)).toBe('+05:45');
  });
});

describe('months', () => {
  it('groups events by the month they fall in on the given calendar', () => {
    const items = [
      { id: 'a', startsAt: '2026-11-30T23:30:00Z' }, // 1 December in Paris
      { id: 'b', startsAt: '2026-12-15T10:00:00Z' },
      { id: 'c', startsAt: '2027-01-05T11:30:00Z' },
    ];
    expect(groupByMonth(items, PARIS).map((group) => [group.month, group.events.map((e) => e.id)])).toEqual([
      ['2026-12', ['a', 'b']],
      ['2027-01', ['c']],
    ]);
    expect(groupByMonth(items, 'UTC')[0]).toEqual({ month: '2026-11', events: [items[0]] });
  });

  it('steps across years and bounds a month by local midnights', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(monthRange('2026-03', PARIS)).toEqual({
      from: '2026-03-01T00:00:00+01:00',
      to: '2026-04-01T00:00:00+02:00',
    });
  });

  it('lays a month out in weeks starting on Monday', () => {
    const weeks = monthWeeks('2026-12'); // 1 December 2026 is a Tuesday
    expect(weeks[0]).toEqual([
      null,
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    expect(weeks.at(-1)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', null, null, null]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
  });
});

describe('recurrence rules from the form', () => {
  it('anchors the rule on the first start', () => {
    expect(recurrenceRule('none', '2026-12-01T12:30')).toBeNull();
    expect(recurrenceRule('weekly', '2026-12-01T12:30')).toBe('FREQ=WEEKLY;BYDAY=TU');
    expect(recurrenceRule('monthlyWeekday', '2026-12-01T12:30')).toBe('FREQ=MONTHLY;BYDAY=1TU');
    expect(recurrenceRule('monthlyWeekday', '2026-12-17T18:00')).toBe('FREQ=MONTHLY;BYDAY=3TH');
    expect(recurrenceRule('monthlyWeekday', '2026-12-29T12:30')).toBe('FREQ=MONTHLY;BYDAY=-1TU');
    expect(recurrenceRule('monthlyDay', '2026-12-15T09:00')).toBe('FREQ=MONTHLY;BYMONTHDAY=15');
  });
});

describe('today', () => {
  it('starts at midnight on the calendar of the zone', () => {
    const start = startOfToday(PARIS);
    expect(start).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+0[12]:00$/);
    expect(start.slice(0, 10)).toBe(new Date().toLocaleDateString('sv-SE', { timeZone: PARIS }));
  });
});

describe('the time-zone picker', () => {
  const label = (key: string) => `«${key}»`;

  it('offers the alliance’s zones first, in words, each once, then every other zone by id', () => {
    const { common, others } = timeZoneGroups('Europe/Paris', label);
    expect(common[0]).toEqual({ value: 'Europe/Paris', label: expect.stringMatching(/^«paris» \(UTC\+[12]\)$/) });
    expect(common.map((option) => option.value)).toContain('Indian/Reunion');
    const all = [...common, ...others].map((option) => option.value);
    expect(new Set(all).size).toBe(all.length);
    expect(others.length).toBeGreaterThan(300);
    expect(others.find((option) => option.value === 'America/New_York')?.label).toMatch(
      /^America\/New York \(UTC−[45]\)$/,
    );
  });

  it('keeps an event’s zone the browser does not list', () => {
    expect(timeZoneGroups('Mars/Olympus', label).others[0]?.value).toBe('Mars/Olympus');
  });
});
