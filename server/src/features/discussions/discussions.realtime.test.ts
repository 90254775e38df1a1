import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPost, createThread, notificationsSettled } from '../../test/factories/discussions';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace, joinSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';

/** Every change is announced by stored events (same transaction), in the rooms that show it. */

let ctx: TestContext;
let alice: TestPerson;
let bruno: TestPerson;
let outsider: TestPerson;
const db = () => ctx.database.db;

beforeAll(async () => {
  ctx = await createTestApp();
  alice = await createPerson(ctx, { displayName: 'Alice Realtime' });
  bruno = await createPerson(ctx, { displayName: 'Bruno Realtime' });
  outsider = await createPerson(ctx);
});
afterAll(() => ctx.close());

const eventsIn = async (room: string) =>
  (await ctx.app.realtime.replay(room, 0)).events.map(({ seq, type, data }) => ({ seq, type, data }));

describe('discussion events', () => {
  it('publishes thread, post, reaction, edit, delete and notification events to their rooms', async () => {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'open' });
    await joinSpace(ctx, alice, space.slug);
    await joinSpace(ctx, bruno, space.slug);
    const { thread, post } = await createThread(ctx, alice, space.slug);
    const reply = await createPost(ctx, bruno, thread.id, '<p>Bonjour @Alice Realtime</p>');
    await notificationsSettled(ctx);
    await request(ctx, alice, 'PUT', `/api/posts/${reply.id}/reactions/${encodeURIComponent('👍')}`);
    await request(ctx, bruno, 'PATCH', `/api/posts/${reply.id}`, { body: '<p>Bonjour à toutes</p>' });
    await request(ctx, bruno, 'DELETE', `/api/posts/${reply.id}`);

    const threadEvents = await eventsIn(`thread:${thread.id}`);
    expect(threadEvents.map((event) => event.type)).toEqual([
      'post.created',
      'post.created',
      'reaction.changed',
      'post.updated',
      'post.deleted',
    ]);
    expect(threadEvents.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(threadEvents[0]?.data).toMatchObject({ post: { id: post.id, threadId: thread.id } });

    const spaceEvents = await eventsIn(`space:${space.id}`);
    expect(spaceEvents.map((event) => event.type)).toEqual([
      'post.created',
      'thread.created',
      'post.created',
      'post.deleted',
    ]);

    const alicesRoom = await eventsIn(`user:${alice.id}`);
    expect(alicesRoom.map((event) => event.type)).toEqual(['notification.created']);
    expect(alicesRoom[0]?.data).toMatchObject({ notification: { kind: 'mention', postId: reply.id } });
  });

  it('lets whoever may read the thread into its room, and nobody else', async () => {
    const secret = await createSpace(db(), { visibility: 'private', joinPolicy: 'invite' });
    await addMembership(db(), secret.id, alice.id);
    const { thread } = await createThread(ctx, alice, secret.slug);
    const room = `thread:${thread.id}`;
    expect(await ctx.app.realtime.canRead({ id: alice.id, role: 'member' }, room)).toBe(true);
    expect(await ctx.app.realtime.canRead({ id: outsider.id, role: 'member' }, room)).toBe(false);
    expect(await ctx.app.realtime.canRead(null, room)).toBe(false);
    expect(await ctx.app.realtime.canRead({ id: outsider.id, role: 'admin' }, room)).toBe(true);
    expect(await ctx.app.realtime.canRead(null, 'thread:inconnu')).toBe(false);
  });

  it('stores nothing when a post is refused', async () => {
    const space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
    await joinSpace(ctx, alice, space.slug);
    const { thread } = await createThread(ctx, alice, space.slug);
    const before = await eventsIn(`thread:${thread.id}`);
    await db().updateTable('threads').set({ locked: true }).where('id', '=', thread.id).execute();
    const refused = await request(ctx, alice, 'POST', `/api/threads/${thread.id}/posts`, { body: '<p>x</p>' });
    expect(refused.statusCode).toBe(409);
    expect(await eventsIn(`thread:${thread.id}`)).toEqual(before);
  });
});
