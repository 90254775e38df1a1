import type { RealtimeEnvelope } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPost, createThread } from '../../test/factories/discussions';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { connect, request as emit, listen, type TestSocket } from '../../test/sockets';

/** Over a real socket: a post reaches the thread's room and the mentioned person's own room. */

let ctx: TestContext;
let url: string;
let alice: TestPerson;
let bruno: TestPerson;
let outsider: TestPerson;
const sockets: TestSocket[] = [];
const open = async (person: TestPerson) => {
  const socket = await connect(url, { cookie: person.headers.cookie ?? '' });
  sockets.push(socket);
  return socket;
};

beforeAll(async () => {
  ctx = await createTestApp();
  url = await listen(ctx);
  alice = await createPerson(ctx, { displayName: 'Alice Socket' });
  bruno = await createPerson(ctx, { displayName: 'Bruno Socket' });
  outsider = await createPerson(ctx);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await ctx.close();
});

describe('discussions over socket.io', () => {
  it('delivers post.created to the thread room and notification.created to the person', async () => {
    const space = await createSpace(ctx.database.db, { visibility: 'private', joinPolicy: 'invite' });
    await addMembership(ctx.database.db, space.id, alice.id);
    await addMembership(ctx.database.db, space.id, bruno.id);
    const { thread } = await createThread(ctx, alice, space.slug);

    const socket = await open(bruno);
    const received: RealtimeEnvelope[] = [];
    socket.on('event', (event) => received.push(event));
    expect(await emit(socket, 'subscribe', { room: `thread:${thread.id}` })).toEqual({
      ok: true,
      seq: 1,
      room: `thread:${thread.id}`,
    });
    expect(await emit(socket, 'subscribe', { room: `user:${bruno.id}` })).toMatchObject({ ok: true });

    const post = await createPost(ctx, alice, thread.id, '<p>Bienvenue @Bruno Socket</p>');
    await expect.poll(() => received.length).toBeGreaterThanOrEqual(2);
    expect(received.find((event) => event.room === `thread:${thread.id}`)).toMatchObject({
      seq: 2,
      type: 'post.created',
      data: { post: { id: post.id, body: post.body } },
    });
    expect(received.find((event) => event.room === `user:${bruno.id}`)).toMatchObject({
      type: 'notification.created',
      data: { notification: { kind: 'mention', postId: post.id } },
    });

    const stranger = await open(outsider);
    expect(await emit(stranger, 'subscribe', { room: `thread:${thread.id}` })).toEqual({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
