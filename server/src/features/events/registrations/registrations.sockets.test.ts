import type { RealtimeEnvelope } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { createEvent, createRegistration } from '../../../test/factories/events';
import { createPerson } from '../../../test/factories/people';
import { addMembership, createSpace } from '../../../test/factories/spaces';
import { request } from '../../../test/http';
import { request as emit, socketTestApp } from '../../../test/sockets';

/** The live seat counter over a real socket: room `event:<id>`, counts only, for those who may see the event. */

const live = socketTestApp();
const { open } = live;

describe('registration.changed over socket.io', () => {
  it('sends the new counts to viewers of the event as people sign up and leave', async () => {
    const event = await createEvent(live.ctx.database.db, { capacity: 1 });
    const [first, second] = [await createPerson(live.ctx), await createPerson(live.ctx)];
    const watcher = await open(null);
    const received: RealtimeEnvelope[] = [];
    watcher.on('event', (message) => received.push(message));
    expect(await emit(watcher, 'subscribe', { room: `event:${event.id}` })).toMatchObject({ ok: true });

    await request(live.ctx, first, 'POST', `/api/events/${event.id}/registrations`);
    await request(live.ctx, second, 'POST', `/api/events/${event.id}/registrations`);
    await request(live.ctx, first, 'DELETE', `/api/events/${event.id}/registrations/me`);
    await expect.poll(() => received.length).toBeGreaterThanOrEqual(3);
    expect(received.map((message) => message.type)).toEqual(Array(3).fill('registration.changed'));
    expect(received.map((message) => message.data)).toEqual([
      { eventId: event.id, registeredCount: 1, waitlistCount: 0 },
      { eventId: event.id, registeredCount: 1, waitlistCount: 1 },
      { eventId: event.id, registeredCount: 1, waitlistCount: 0 },
    ]);
  });

  it('tells the page of an event the seats of its sessions', async () => {
    const db = live.ctx.database.db;
    const parent = await createEvent(db, { capacity: null, durationHours: 4 });
    const session = await createEvent(db, { parentId: parent.id, capacity: 1 });
    const person = await createPerson(live.ctx);
    await createRegistration(db, parent.id, person.id);
    const watcher = await open(null);
    const received: RealtimeEnvelope[] = [];
    watcher.on('event', (message) => received.push(message));
    expect(await emit(watcher, 'subscribe', { room: `event:${parent.id}` })).toMatchObject({ ok: true });

    await request(live.ctx, person, 'POST', `/api/events/${session.id}/registrations`);
    await expect.poll(() => received.length).toBeGreaterThanOrEqual(1);
    expect(received[0]).toMatchObject({
      type: 'registration.changed',
      data: { eventId: session.id, registeredCount: 1, waitlistCount: 0 },
    });
  });

  it('refuses the room of a members-only space’s event to visitors and non-members', async () => {
    const space = await createSpace(live.ctx.database.db, { visibility: 'members', joinPolicy: 'request' });
    const member = await createPerson(live.ctx);
    await addMembership(live.ctx.database.db, space.id, member.id);
    const event = await createEvent(live.ctx.database.db, { spaceId: space.id });
    const room = `event:${event.id}`;
    expect(await emit(await open(null), 'subscribe', { room })).toMatchObject({ ok: false });
    expect(await emit(await open(await createPerson(live.ctx)), 'subscribe', { room })).toMatchObject({ ok: false });
    expect(await emit(await open(member), 'subscribe', { room })).toMatchObject({ ok: true });
  });
});
