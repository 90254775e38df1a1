import { NextPermanenceSchema } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { eventsDeps } from '../../test/factories/events';
import { seedAlliance } from '../seed/seed.service';
import { getNextPermanence } from './events.service';

describe('GET /api/permanence/next', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  const getNext = async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/permanence/next' });
    expect(response.statusCode).toBe(200);
    return NextPermanenceSchema.parse(response.json()).next;
  };

  it('answers null while no permanence series exists', async () => {
    expect(await getNext()).toBeNull();
  });

  it('gives the next first Tuesday of the month, 12:30 to 13:30 Paris time', async () => {
    await seedAlliance(ctx.database.db);
    const before = Date.now();
    const next = await getNext();
    expect(next).toMatchObject({ title: 'La permanence', kind: 'permanence', timezone: 'Europe/Paris', mode: 'visio' });
    if (!next) return;
    // Paris wall time, with the offset of that day: +01:00 in winter, +02:00 in summer.
    expect(next.startsAt).toMatch(/^\d{4}-\d{2}-0[1-7]T12:30:00\+0[12]:00$/);
    expect(next.endsAt).toMatch(/T13:30:00\+0[12]:00$/);
    const day = next.startsAt.slice(0, 10);
    expect(new Date(`${day}T00:00:00Z`).getUTCDay()).toBe(2);
    expect(Date.parse(next.endsAt) - Date.parse(next.startsAt)).toBe(60 * 60_000);
    // In progress or upcoming, and never more than a month and a bit away.
    expect(Date.parse(next.endsAt)).toBeGreaterThan(before);
    expect(Date.parse(next.startsAt) - before).toBeLessThan(36 * 24 * 60 * 60_000);
    // The occurrence exists as an event, with the series' seats; its page can be opened.
    expect(next.eventId).toBeDefined();
    const detail = await ctx.app.inject({ method: 'GET', url: `/api/events/${next.eventId}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().event).toMatchObject({ seriesId: next.seriesId, capacity: 100, startsAt: next.startsAt });
    expect(detail.json().event.videoUrl).toBeUndefined();
  });

  it('computes from the stored series for any given moment', async () => {
    const at = async (now: string) =>
      (
        await getNextPermanence(
          eventsDeps(ctx, () => new Date(now)),
          { now: new Date(now) },
        )
      )?.startsAt;
    expect(await at('2026-11-28T17:00:00Z')).toBe('2026-12-01T12:30:00+01:00');
    expect(await at('2026-03-04T00:00:00Z')).toBe('2026-04-07T12:30:00+02:00');
    expect(await at('2026-12-01T12:00:00Z')).toBe('2026-12-01T12:30:00+01:00');
  });

  it('skips an occurrence cancelled alone and follows one moved alone', async () => {
    const now = new Date('2026-11-28T17:00:00Z');
    const next = () =>
      getNextPermanence(
        eventsDeps(ctx, () => now),
        { now },
      );
    const december = await next();
    await ctx.database.db
      .updateTable('events')
      .set({ cancelled_at: now })
      .where('id', '=', december?.eventId ?? '')
      .execute();
    const january = await next();
    expect(january?.startsAt).toBe('2027-01-05T12:30:00+01:00');
    await ctx.database.db
      .updateTable('events')
      .set({ starts_at: new Date('2027-01-06T11:30:00Z'), ends_at: new Date('2027-01-06T12:30:00Z') })
      .where('id', '=', january?.eventId ?? '')
      .execute();
    expect(await next()).toMatchObject({ eventId: january?.eventId, startsAt: '2027-01-06T12:30:00+01:00' });
  });
});
