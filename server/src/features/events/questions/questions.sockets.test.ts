import type { RealtimeEnvelope } from '@atelier/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, createRegistration } from '../../../test/factories/events';
import { createPerson, type TestPerson } from '../../../test/factories/people';
import { createQuestion } from '../../../test/factories/questions';
import { addMembership, createSpace } from '../../../test/factories/spaces';
import { request } from '../../../test/http';
import { request as emit, socketTestApp } from '../../../test/sockets';

/** Over a real socket: everyone watching the event sees the queue change live, in order. */

const live = socketTestApp();
const { open } = live;
let animateur: TestPerson;
let alice: TestPerson;
let bruno: TestPerson;
let viewer: TestPerson;

beforeAll(async () => {
  animateur = await createPerson(live.ctx, { displayName: 'Anna Live' });
  alice = await createPerson(live.ctx, { displayName: 'Alice Live' });
  bruno = await createPerson(live.ctx, { displayName: 'Bruno Live' });
  viewer = await createPerson(live.ctx, { displayName: 'Vera Regarde' });
});

describe('questions over socket.io', () => {
  it('delivers question.created and question.updated to the event room, without anyone’s vote', async () => {
    const db = live.ctx.database.db;
    const space = await createSpace(db, { visibility: 'public', joinPolicy: 'open' });
    await addMembership(db, space.id, animateur.id, { role: 'animateur' });
    const event = await createEvent(db, { spaceId: space.id });
    await createRegistration(db, event.id, alice.id);
    await createRegistration(db, event.id, bruno.id);

    // Someone only watching (not registered, anonymous even) follows the queue.
    const socket = await open(null);
    const received: RealtimeEnvelope[] = [];
    socket.on('event', (e) => {
      if (e.room === `event:${event.id}`) received.push(e);
    });
    const ack = (await emit(socket, 'subscribe', { room: `event:${event.id}` })) as { ok: boolean; seq: number };
    expect(ack.ok).toBe(true);
    const start = ack.seq;

    const question = await createQuestion(live.ctx, alice, event.id, 'Comment contribuer ?');
    await request(live.ctx, bruno, 'POST', `/api/questions/${question.id}/vote`);
    await request(live.ctx, bruno, 'POST', `/api/questions/${question.id}/vote`);
    await request(live.ctx, animateur, 'PATCH', `/api/questions/${question.id}`, { status: 'current' });
    const other = await createQuestion(live.ctx, alice, event.id, 'Et ensuite ?');
    await request(live.ctx, animateur, 'PATCH', `/api/questions/${other.id}`, { status: 'current' });

    // created, vote (the second vote by the same person publishes nothing), current,
    // created, then the previous current back to open and the new current.
    await expect.poll(() => received.length).toBeGreaterThanOrEqual(6);
    expect(received.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6].map((n) => start + n));
    expect(received.map((e) => [e.type, (e.data as { question: { id: string } }).question.id])).toEqual([
      ['question.created', question.id],
      ['question.updated', question.id],
      ['question.updated', question.id],
      ['question.created', other.id],
      ['question.updated', question.id],
      ['question.updated', other.id],
    ]);
    expect(received[0]?.data).toEqual({
      question: expect.objectContaining({ body: 'Comment contribuer ?', votes: 0, voted: false, status: 'open' }),
    });
    expect(received[1]?.data).toMatchObject({ question: { votes: 1, voted: false } });
    expect(received[4]?.data).toMatchObject({ question: { id: question.id, status: 'open' } });
    expect(received[5]?.data).toMatchObject({ question: { id: other.id, status: 'current' } });
  });

  it('keeps the room of a private space’s event closed to outsiders', async () => {
    const db = live.ctx.database.db;
    const space = await createSpace(db, { visibility: 'private', joinPolicy: 'invite' });
    const event = await createEvent(db, { spaceId: space.id });
    const socket = await open(viewer);
    expect(await emit(socket, 'subscribe', { room: `event:${event.id}` })).toMatchObject({ ok: false });
  });
});
