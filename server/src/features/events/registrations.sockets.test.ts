import { type RealtimeEvent, RegistrationChangedSchema } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { connect, request as emit, listen, type TestSocket } from '../../test/sockets';
import { waitFor } from '../../test/wait-for';
import { addMembership, createPerson, createSpaceRow, type TestPerson } from '../spaces/spaces.fixtures';
import { call, createEventRow } from './events.fixtures';

/** The live seat counter over a real socket: room `event:<id>`, counts only, for those who may see the event. */

let ctx: TestContext;
let url: string;
const sockets: TestSocket[] = [];
const open = async (person: TestPerson | null) => {
  const socket = await connect(url, person ? { cookie: person.headers.cookie ?? '' } : {});
  sockets.push(socket);
  return socket;
};

beforeAll(async () => {
  ctx = await createTestApp();
  url = await listen(ctx);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await ctx.close();
});

describe('registration.changed over socket.io', () => {
  it('sends the new counts to viewers of the event as people sign up and leave', async () => {
    const event = await createEventRow(ctx.database.db, { capacity: 1 });
    const [first, second] = [await createPerson(ctx), await createPerson(ctx)];
    const watcher = await open(null);
    const received: RealtimeEvent[] = [];
    watcher.on('event', (message) => received.push(message));
    expect(await emit(watcher, 'subscribe', { room: `event:${event.id}` })).toMatchObject({ ok: true });

    await call(ctx, first, 'POST', `/api/events/${event.id}/registrations`);
    await call(ctx, second, 'POST', `/api/events/${event.id}/registrations`);
    await call(ctx, first, 'DELETE', `/api/events/${event.id}/registrations/me`);
    await waitFor('three counter updates', () => received.length >= 3);
    expect(received.map((message) => message.type)).toEqual(Array(3).fill('registration.changed'));
    expect(received.map((message) => RegistrationChangedSchema.strict().parse(message.data))).toEqual([
      { eventId: event.id, registeredCount: 1, waitlistCount: 0 },
      { eventId: event.id, registeredCount: 1, waitlistCount: 1 },
      { eventId: event.id, registeredCount: 1, waitlistCount: 0 },
    ]);
  });

  it('refuses the room of a members-only space’s event to visitors and non-members', async () => {
    const space = await createSpaceRow(ctx.database.db, { visibility: 'members', joinPolicy: 'request' });
    const member = await createPerson(ctx);
    await addMembership(ctx.database.db, space.id, member.id);
    const event = await createEventRow(ctx.database.db, { spaceId: space.id });
    const room = `event:${event.id}`;
    expect(await emit(await open(null), 'subscribe', { room })).toMatchObject({ ok: false });
    expect(await emit(await open(await createPerson(ctx)), 'subscribe', { room })).toMatchObject({ ok: false });
    expect(await emit(await open(member), 'subscribe', { room })).toMatchObject({ ok: true });
  });
});
