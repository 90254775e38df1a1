import { EventListSchema } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createEvent, snapshotEvents } from '../../test/factories/events';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { mailsTo } from '../../test/outbox';

const permanenceLike = {
  title: 'Permanence du chantier',
  kind: 'permanence',
  startsAt: '2026-03-03T12:30:00+01:00',
  endsAt: '2026-03-03T13:30:00+01:00',
  timezone: 'Europe/Paris',
  mode: 'visio',
  capacity: 50,
  videoUrl: 'https://visio.exemple.fr/chantier-secret',
  recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU' },
};

describe('creating events and series', () => {
  let ctx: TestContext;
  let admin: TestPerson;
  let animateur: TestPerson;
  let space: { id: string; slug: string };
  beforeAll(async () => {
    ctx = await createTestApp();
    admin = await createPerson(ctx, { role: 'admin' });
    animateur = await createPerson(ctx);
    space = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'open' });
    await addMembership(ctx.database.db, space.id, animateur.id, { role: 'animateur' });
  });
  afterAll(() => ctx.close());

  const list = async (from: string, to: string, extra = '') => {
    const response = await request(
      ctx,
      null,
      'GET',
      `/api/events?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${extra}`,
    );
    expect(response.statusCode).toBe(200);
    return EventListSchema.parse(response.json()).items;
  };

  it('keeps 12:30 Paris across DST: 11:30Z in winter, 10:30Z in summer, March and November 2026/2027', async () => {
    const created = await request(ctx, animateur, 'POST', '/api/events', { ...permanenceLike, spaceId: space.id });
    expect(created.statusCode).toBe(201);
    const first = created.json().event;
    expect(first).toMatchObject({
      startsAt: '2026-03-03T12:30:00+01:00',
      seriesId: expect.any(String),
      canManage: true,
    });
    expect(first.videoUrl).toBe('https://visio.exemple.fr/chantier-secret');

    const utc = (items: { startsAt: string }[]) => items.map((item) => new Date(item.startsAt).toISOString());
    const mine = `&spaceId=${space.id}`;
    expect(utc(await list('2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z', mine))).toEqual([
      '2026-03-03T11:30:00.000Z',
      '2026-04-07T10:30:00.000Z',
    ]);
    expect(utc(await list('2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z', mine))).toEqual([
      '2026-10-06T10:30:00.000Z',
      '2026-11-03T11:30:00.000Z',
    ]);
    expect(utc(await list('2027-03-01T00:00:00Z', '2027-05-01T00:00:00Z', mine))).toEqual([
      '2027-03-02T11:30:00.000Z',
      '2027-04-06T10:30:00.000Z',
    ]);
    expect(utc(await list('2027-10-01T00:00:00Z', '2027-11-15T00:00:00Z', mine))).toEqual([
      '2027-10-05T10:30:00.000Z',
      '2027-11-02T11:30:00.000Z',
    ]);
    // Each occurrence is its own event of the series, created once however often it is listed.
    const year = await list('2026-03-01T00:00:00Z', '2027-03-01T00:00:00Z', mine);
    expect(year).toHaveLength(12);
    expect(new Set(year.map((item) => item.id)).size).toBe(12);
    expect(year.every((item) => item.seriesId === first.seriesId && item.capacity === 50)).toBe(true);
    expect(await list('2026-03-01T00:00:00Z', '2027-03-01T00:00:00Z', mine)).toEqual(year);
  });

  it('moves or cancels one occurrence alone; it is never re-created', async () => {
    const [april, may] = await list('2026-04-01T00:00:00Z', '2026-06-01T00:00:00Z', `&spaceId=${space.id}`);
    if (!april || !may) throw new Error('occurrences');
    const moved = await request(ctx, animateur, 'PATCH', `/api/events/${april.id}`, {
      startsAt: '2026-04-08T18:00:00+02:00',
      endsAt: '2026-04-08T19:00:00+02:00',
    });
    expect(moved.statusCode).toBe(200);
    const cancelled = await request(ctx, animateur, 'POST', `/api/events/${may.id}/cancel`, { reason: 'Pont de mai' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().event.cancelledAt).not.toBeNull();
    const again = await list('2026-04-01T00:00:00Z', '2026-06-01T00:00:00Z', `&spaceId=${space.id}`);
    expect(again.map((item) => [item.id, item.startsAt, item.cancelledAt !== null])).toEqual([
      [april.id, '2026-04-08T18:00:00+02:00', false],
      [may.id, may.startsAt, true],
    ]);
  });

  it('creates one-off events; alliance-wide ones are for admins only', async () => {
    const body = {
      title: 'Journée d’initiation à Valence',
      kind: 'initiation',
      startsAt: '2027-01-14T09:30:00+01:00',
      endsAt: '2027-01-14T17:00:00+01:00',
      timezone: 'Europe/Paris',
      mode: 'presentiel',
      capacity: 25,
      address: 'Tiers-lieu La Cartoucherie, 26000 Valence',
      accessibilityNote: 'Accès de plain-pied, boucle magnétique.',
    };
    const refused = await request(ctx, animateur, 'POST', '/api/events', body);
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'forbidden']);
    const created = await request(ctx, admin, 'POST', '/api/events', body);
    expect(created.statusCode).toBe(201);
    expect(created.json().event).toMatchObject({
      space: null,
      seriesId: null,
      address: body.address,
      accessibilityNote: body.accessibilityNote,
      startsAt: '2027-01-14T09:30:00+01:00',
    });
  });

  it('answers bad input with a clear 400 and changes nothing', async () => {
    const base = { ...permanenceLike, spaceId: space.id, recurrence: undefined };
    const cases: Array<[object, string]> = [
      [{ ...base, endsAt: '2026-03-03T12:00:00+01:00' }, 'event_invalid_dates'],
      [{ ...base, endsAt: '2026-03-10T12:00:00+01:00' }, 'event_invalid_dates'],
      [{ ...base, timezone: 'Europe/Atlantis' }, 'unknown_timezone'],
      [{ ...base, timezone: 'x'.repeat(101) }, 'invalid_input'],
      [{ ...base, recurrence: { rrule: 'FREQ=BOGUS' } }, 'invalid_input'],
      [{ ...base, recurrence: { rrule: 'FREQ=MONTHLY;COUNT=abc' } }, 'invalid_input'],
      [{ ...base, recurrence: { rrule: 'FREQ=MINUTELY' } }, 'invalid_input'],
      [{ ...base, recurrence: { rrule: 'FREQ=DAILY\nDTSTART:20200101T000000Z' } }, 'invalid_input'],
      [{ ...base, title: 'x'.repeat(5000) }, 'invalid_input'],
      [{ ...base, summary: 'x'.repeat(100_000) }, 'invalid_input'],
      [{ ...base, videoUrl: 'javascript:alert(1)' }, 'invalid_input'],
      [{ ...base, capacity: -1 }, 'invalid_input'],
      [{ ...base, startsAt: 'demain midi' }, 'invalid_input'],
      [{ ...base, unknownField: true }, 'invalid_input'],
    ];
    const before = await snapshotEvents(ctx.database.db);
    for (const [body, code] of cases) {
      const response = await request(ctx, animateur, 'POST', '/api/events', body);
      expect([response.statusCode, response.json().error.code], JSON.stringify(body).slice(0, 120)).toEqual([
        400,
        code,
      ]);
    }
    const event = await createEvent(ctx.database.db, { spaceId: space.id });
    const afterRow = await snapshotEvents(ctx.database.db);
    const patch = await request(ctx, animateur, 'PATCH', `/api/events/${event.id}`, { endsAt: '2020-01-01T00:00:00Z' });
    expect([patch.statusCode, patch.json().error.code]).toEqual([400, 'event_invalid_dates']);
    const zone = await request(ctx, animateur, 'PATCH', `/api/events/${event.id}`, { timezone: 'Mars/Olympus' });
    expect([zone.statusCode, zone.json().error.code]).toEqual([400, 'unknown_timezone']);
    const range = await request(ctx, null, 'GET', '/api/events?from=2026-01-01T00:00:00Z&to=2027-06-01T00:00:00Z');
    expect([range.statusCode, range.json().error.code]).toEqual([400, 'invalid_input']);
    const reversed = await request(ctx, null, 'GET', '/api/events?from=2027-01-01T00:00:00Z&to=2026-06-01T00:00:00Z');
    expect(reversed.statusCode).toBe(400);
    expect(before.events.length + 1).toBe(afterRow.events.length);
    expect(await snapshotEvents(ctx.database.db)).toEqual(afterRow);
  });

  it('mails everyone registered when an occurrence is cancelled, without the visio link', async () => {
    const event = await createEvent(ctx.database.db, { spaceId: space.id, capacity: 1 });
    const [seat, waiting] = [await createPerson(ctx, { locale: 'en' }), await createPerson(ctx)];
    await request(ctx, seat, 'POST', `/api/events/${event.id}/registrations`);
    await request(ctx, waiting, 'POST', `/api/events/${event.id}/registrations`);
    const cancelled = await request(ctx, animateur, 'POST', `/api/events/${event.id}/cancel`, {
      reason: 'Intervenante malade',
    });
    expect(cancelled.statusCode).toBe(200);
    const seatMail = (await mailsTo(ctx.database.db, seat.email)).at(-1);
    const waitMail = (await mailsTo(ctx.database.db, waiting.email)).at(-1);
    expect(seatMail?.subject).toMatch(/^Cancelled: /);
    expect(waitMail?.subject).toMatch(/^Annulé : /);
    expect(waitMail?.text_body).toContain('Intervenante malade');
    for (const mail of [seatMail, waitMail]) expect(mail?.text_body).not.toContain('initiation-secrete');
    // Cancelling again changes nothing and mails no one.
    const count = (await mailsTo(ctx.database.db, seat.email)).length;
    expect((await request(ctx, animateur, 'POST', `/api/events/${event.id}/cancel`, {})).statusCode).toBe(200);
    expect(await mailsTo(ctx.database.db, seat.email)).toHaveLength(count);
  });

  it('tells the event’s room when it is edited or cancelled, so that open pages read it again', async () => {
    const event = await createEvent(ctx.database.db, { spaceId: space.id });
    const changes = async () =>
      (await ctx.app.realtime.replay(`event:${event.id}`, 0)).events
        .filter((row) => row.type === 'event.changed')
        .map((row) => row.data);
    expect(await changes()).toEqual([]);
    const edited = await request(ctx, animateur, 'PATCH', `/api/events/${event.id}`, { title: 'Nouveau titre' });
    expect(edited.statusCode).toBe(200);
    expect(await changes()).toEqual([{ eventId: event.id }]);
    await request(ctx, animateur, 'POST', `/api/events/${event.id}/cancel`, { reason: 'Salle indisponible' });
    await request(ctx, animateur, 'POST', `/api/events/${event.id}/cancel`, { reason: 'Salle indisponible' });
    expect(await changes()).toEqual([{ eventId: event.id }, { eventId: event.id }]);
  });
});
