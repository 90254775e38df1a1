import { formatEventRange } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { formatEventWhen } from './events.mail';

describe('when an event is, in a mail', () => {
  it('is written as the pages write it, with the zone named', () => {
    const event = {
      startsAt: new Date('2026-12-01T11:30:00Z'),
      endsAt: new Date('2026-12-01T12:30:00Z'),
      timezone: 'Europe/Paris',
    };
    const fr = formatEventWhen(event, 'fr');
    expect(fr).toMatch(/^mardi 1 décembre 2026, 12 h 30 – 13 h 30 \(heure normale d.Europe centrale\)$/);
    expect(fr.startsWith(formatEventRange(event.startsAt, event.endsAt, 'fr'))).toBe(true);
    expect(formatEventWhen(event, 'en')).toMatch(/^Tuesday,? 1 December 2026, 12:30 – 13:30 \(Central European/);
  });
});
