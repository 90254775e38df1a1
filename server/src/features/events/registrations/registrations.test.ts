import { EventDetailSchema } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/app';
import { createEvent, snapshotEvents } from '../../../test/factories/events';
import { createPerson, type TestPerson } from '../../../test/factories/people';
import { request } from '../../../test/http';
import { mailsTo } from '../../../test/outbox';

/** Registrations: seats, the waitlist and its order, cancellations, the one-click link, counters. */
describe('registrations', () => {
  let ctx: TestContext;
  let admin: TestPerson;
  beforeAll(async () => {
    ctx = await createTestApp();
    admin = await createPerson(ctx, { role: 'admin' });
  });
  afterAll(() => ctx.close());

  const detail = async (person: TestPerson | null, eventId: string) => {
    const response = await request(ctx, person, 'GET', `/api/events/${eventId}`);
    expect(response.statusCode).toBe(200);
    return EventDetailSchema.parse(response.json());
  };
  const registerAs = (person: TestPerson, eventId: string) =>
    request(ctx, person, 'POST', `/api/events/${eventId}/registrations`);

  it('never overbooks: 200 simultaneous sign-ups for 30 seats give 30 seats and a waitlist 1..170', async () => {
    const event = await createEvent(ctx.database.db, { capacity: 30 });
    const people = await Promise.all(Array.from({ length: 200 }, () => createPerson(ctx)));
    const responses = await Promise.all(people.map((person) => registerAs(person, event.id)));
    expect(responses.map((response) => response.statusCode)).toEqual(Array(200).fill(201));
    const answers = responses.map((response) => response.json().registration as { status: string; position?: number });
    expect(answers.filter((answer) => answer.status === 'registered')).toHaveLength(30);
    const positions = answers
      .filter((answer) => answer.status === 'waitlisted')
      .map((answer) => answer.position)
      .sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(positions).toEqual(Array.from({ length: 170 }, (_, index) => index + 1));

    const rows = await ctx.database.db
      .selectFrom('registrations')
      .select('status')
      .where('event_id', '=', event.id)
      .execute();
    expect(rows.filter((row) => row.status === 'registered')).toHaveLength(30);
    expect(rows.filter((row) => row.status === 'waitlisted')).toHaveLength(170);
    // Each person sees the same position the sign-up answered.
    const sample = people.slice(0, 20);
    for (const [index, person] of sample.entries()) {
      const mine = (await detail(person, event.id)).myRegistration;
      expect(mine).toEqual(answers[index]);
    }
    const { event: seen } = await detail(null, event.id);
    expect(seen).toMatchObject({ registeredCount: 30, waitlistCount: 170, capacity: 30 });
  }, 120_000);

  it('promotes the waitlist in order when seats free, in the same transaction, with mails', async () => {
    const event = await createEvent(ctx.database.db, { capacity: 2 });
    const [a, b, c, d, e] = await Promise.all(Array.from({ length: 5 }, () => createPerson(ctx)));
    if (!a || !b || !c || !d || !e) throw new Error('people');
    for (const person of [a, b, c, d, e]) expect((await registerAs(person, event.id)).statusCode).toBe(201);
    expect((await detail(e, event.id)).myRegistration).toEqual({ status: 'waitlisted', position: 3 });

    // The waitlist's mail says where one stands and never carries the visio link.
    const [waitMail] = await mailsTo(ctx.database.db, c.email);
    expect(waitMail?.subject).toContain('Liste d’attente');
    expect(waitMail?.text_body).toContain('n°1');
    expect(waitMail?.text_body).not.toContain('initiation-secrete');
    const [seatMail] = await mailsTo(ctx.database.db, a.email);
    expect(seatMail?.text_body).toContain('https://visio.exemple.fr/initiation-secrete');
    expect(seatMail?.text_body).toMatch(/\/inscriptions\/annuler\?token=[A-Za-z0-9_-]+/);

    expect((await request(ctx, a, 'DELETE', `/api/events/${event.id}/registrations/me`)).statusCode).toBe(204);
    expect((await detail(c, event.id)).myRegistration).toEqual({ status: 'registered' });
    expect((await detail(d, event.id)).myRegistration).toEqual({ status: 'waitlisted', position: 1 });
    expect((await detail(e, event.id)).myRegistration).toEqual({ status: 'waitlisted', position: 2 });
    const promotion = (await mailsTo(ctx.database.db, c.email)).at(-1);
    expect(promotion?.subject).toContain('Une place s’est libérée');
    expect(promotion?.text_body).toContain('https://visio.exemple.fr/initiation-secrete');

    // A waitlisted person leaving moves the others up, and frees no seat.
    expect((await request(ctx, d, 'DELETE', `/api/events/${event.id}/registrations/me`)).statusCode).toBe(204);
    expect((await detail(e, event.id)).myRegistration).toEqual({ status: 'waitlisted', position: 1 });
    expect((await detail(null, event.id)).event).toMatchObject({ registeredCount: 2, waitlistCount: 1 });

    // Signing up again after leaving goes to the back of the queue.
    expect((await registerAs(a, event.id)).json()).toEqual({ registration: { status: 'waitlisted', position: 2 } });

    // Every change announced the new counts in the event's room, never who.
    const { events: announced } = await ctx.app.realtime.replay(`event:${event.id}`, 0);
    expect(announced.map((row) => row.type)).toEqual(Array(8).fill('registration.changed'));
    const data = announced.at(-1)?.data;
    // The counts only, never who: nothing else in the announcement.
    expect(typeof data === 'string' ? JSON.parse(data) : data).toEqual({
      eventId: event.id,
      registeredCount: 2,
      waitlistCount: 2,
    });
  });

  it('answers 409 already_registered to a second sign-up, changing nothing', async () => {
    const event = await createEvent(ctx.database.db, { capacity: 5 });
    const person = await createPerson(ctx);
    expect((await registerAs(person, event.id)).statusCode).toBe(201);
    const before = await snapshotEvents(ctx.database.db);
    const again = await registerAs(person, event.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_registered');
    expect(await snapshotEvents(ctx.database.db)).toEqual(before);
  });

  it('refuses past, closed and cancelled events with 409, changing nothing', async () => {
    const person = await createPerson(ctx);
    const past = await createEvent(ctx.database.db, { startsInHours: -3 });
    const cancelled = await createEvent(ctx.database.db, { cancelled: true });
    const before = await snapshotEvents(ctx.database.db);
    const late = await registerAs(person, past.id);
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'registration_closed']);
    const off = await registerAs(person, cancelled.id);
    expect([off.statusCode, off.json().error.code]).toEqual([409, 'event_cancelled']);
    expect(await snapshotEvents(ctx.database.db)).toEqual(before);
  });

  it('refuses a capacity below the seats taken; raising it promotes from the waitlist', async () => {
    const event = await createEvent(ctx.database.db, { capacity: 2 });
    const people = await Promise.all(Array.from({ length: 4 }, () => createPerson(ctx)));
    for (const person of people) await registerAs(person, event.id);
    const before = await snapshotEvents(ctx.database.db);
    const lower = await request(ctx, admin, 'PATCH', `/api/events/${event.id}`, { capacity: 1 });
    expect([lower.statusCode, lower.json().error.code]).toEqual([409, 'capacity_below_registrations']);
    expect(await snapshotEvents(ctx.database.db)).toEqual(before);

    const raise = await request(ctx, admin, 'PATCH', `/api/events/${event.id}`, { capacity: 3 });
    expect(raise.statusCode).toBe(200);
    expect(raise.json().event).toMatchObject({ capacity: 3, registeredCount: 3, waitlistCount: 1 });
    expect((await detail(people[2] ?? null, event.id)).myRegistration).toEqual({ status: 'registered' });
    const unlimited = await request(ctx, admin, 'PATCH', `/api/events/${event.id}`, { capacity: null });
    expect(unlimited.json().event).toMatchObject({ capacity: null, registeredCount: 4, waitlistCount: 0 });
  });

  it('cancels with the one-click link of the mail, without a session; the link then names nothing', async () => {
    const event = await createEvent(ctx.database.db, { capacity: 1 });
    const [first, second] = [await createPerson(ctx), await createPerson(ctx)];
    await registerAs(first, event.id);
    await registerAs(second, event.id);
    const mail = (await mailsTo(ctx.database.db, first.email)).at(-1);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail?.text_body ?? '')?.[1];
    expect(token).toBeDefined();

    const cancelled = await request(ctx, null, 'POST', '/api/registrations/cancel', { token });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().event).toMatchObject({ id: event.id, registeredCount: 1, waitlistCount: 0 });
    expect(cancelled.json().event.videoUrl).toBeUndefined();
    expect((await detail(first, event.id)).myRegistration).toBeNull();
    expect((await detail(second, event.id)).myRegistration).toEqual({ status: 'registered' });

    const reused = await request(ctx, null, 'POST', '/api/registrations/cancel', { token });
    expect([reused.statusCode, reused.json().error.code]).toEqual([404, 'not_found']);
    const forged = await request(ctx, null, 'POST', '/api/registrations/cancel', { token: 'x'.repeat(43) });
    expect(forged.statusCode).toBe(404);
  });

  it('shows the visio link to seat holders and managers only, never in listings', async () => {
    const event = await createEvent(ctx.database.db, { capacity: 1 });
    const [seat, waiting, visitor] = [await createPerson(ctx), await createPerson(ctx), await createPerson(ctx)];
    await registerAs(seat, event.id);
    await registerAs(waiting, event.id);
    expect((await detail(seat, event.id)).event.videoUrl).toBe('https://visio.exemple.fr/initiation-secrete');
    expect((await detail(admin, event.id)).event.videoUrl).toBe('https://visio.exemple.fr/initiation-secrete');
    expect((await detail(waiting, event.id)).event.videoUrl).toBeUndefined();
    expect((await detail(visitor, event.id)).event.videoUrl).toBeUndefined();
    expect((await detail(null, event.id)).event.videoUrl).toBeUndefined();
    const list = await request(ctx, seat, 'GET', '/api/events');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('initiation-secrete');
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(event.id);
  });
});
