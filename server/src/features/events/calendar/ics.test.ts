import { describe, expect, it } from 'vitest';
import { renderCalendar, vtimezone } from './ics';

describe('vtimezone', () => {
  it('describes Paris with its two yearly changes, last Sunday of March and of October', () => {
    const text = vtimezone('Europe/Paris', 2026);
    expect(text).toContain(
      'BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200',
    );
    expect(text).toContain(
      'BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100',
    );
  });

  it('gives a zone without DST one fixed observance', () => {
    expect(vtimezone('America/Cayenne', 2026)).toContain('TZOFFSETFROM:-0300\r\nTZOFFSETTO:-0300');
  });
});

describe('renderCalendar', () => {
  it('writes wall-clock times with their TZID whatever the process zone, and one VTIMEZONE per zone', () => {
    const text = renderCalendar('Agenda', [
      {
        uid: 'a@test',
        title: 'Permanence',
        summary: '',
        startsAt: new Date('2026-07-07T10:30:00Z'),
        endsAt: new Date('2026-07-07T11:30:00Z'),
        timezone: 'Europe/Paris',
        location: 'En ligne',
        url: 'https://atelier.example/evenements/a',
        cancelled: false,
      },
      {
        uid: 'b@test',
        title: 'Webinaire',
        summary: '',
        startsAt: new Date('2026-12-01T15:00:00Z'),
        endsAt: new Date('2026-12-01T16:00:00Z'),
        timezone: 'America/Montreal',
        location: null,
        url: 'https://atelier.example/evenements/b',
        cancelled: true,
      },
    ]);
    expect(text).toContain('DTSTART;TZID=Europe/Paris:20260707T123000');
    expect(text).toContain('DTSTART;TZID=America/Montreal:20261201T100000');
    expect(text).toContain('STATUS:CANCELLED');
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(2);
    expect(text.indexOf('BEGIN:VTIMEZONE')).toBeLessThan(text.indexOf('BEGIN:VEVENT'));
    expect(text).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
  });
});
