import { UNREAD_COUNT_MAX } from '@atelier/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPost, createThread, unreadOf } from '../../test/factories/discussions';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { createSpace, joinSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';

/** Read positions and unread counts: per thread, per space, "tout marquer comme lu", never backwards. */

let ctx: TestContext;
let alice: TestPerson;
let bruno: TestPerson;
const db = () => ctx.database.db;

beforeAll(async () => {
  ctx = await createTestApp();
  alice = await createPerson(ctx);
  bruno = await createPerson(ctx);
});
afterAll(() => ctx.close());

async function freshSpace() {
  const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'open' });
  await joinSpace(ctx, alice, space.slug);
  await joinSpace(ctx, bruno, space.slug);
  return space;
}

const read = (person: TestPerson, threadId: string, lastReadPostId: string) =>
  request(ctx, person, 'POST', `/api/threads/${threadId}/read`, { lastReadPostId });

const spaceUnread = async (person: TestPerson, spaceId: string) =>
  (
    (await request(ctx, person, 'GET', '/api/me/unread')).json().spaces as { spaceId: string; unreadCount: number }[]
  ).find((entry) => entry.spaceId === spaceId)?.unreadCount;

describe('unread counts and read positions', () => {
  it('counts others’ posts after my position, per thread and per space', async () => {
    const space = await freshSpace();
    const { thread, post: first } = await createThread(ctx, alice, space.slug);
    const second = await createPost(ctx, alice, thread.id, '<p>deux</p>');
    const third = await createPost(ctx, alice, thread.id, '<p>trois</p>');
    await createPost(ctx, bruno, thread.id, '<p>ma réponse</p>');

    expect(await unreadOf(ctx, bruno, space.slug, thread.id)).toBe(3);
    expect(await unreadOf(ctx, alice, space.slug, thread.id)).toBe(1);
    expect(await spaceUnread(bruno, space.id)).toBe(3);

    const detail = (await request(ctx, bruno, 'GET', `/api/threads/${thread.id}`)).json();
    expect(detail.firstUnreadPostId).toBe(first.id);

    expect((await read(bruno, thread.id, second.id)).statusCode).toBe(204);
    expect(await unreadOf(ctx, bruno, space.slug, thread.id)).toBe(1);
    expect((await request(ctx, bruno, 'GET', `/api/threads/${thread.id}`)).json().firstUnreadPostId).toBe(third.id);
    expect(await spaceUnread(bruno, space.id)).toBe(1);
  });

  it('counts up to UNREAD_COUNT_MAX, per thread and per space, and no further', async () => {
    const space = await freshSpace();
    const { thread } = await createThread(ctx, alice, space.slug);
    const extra = UNREAD_COUNT_MAX + 20;
    await sql`insert into posts (thread_id, number, author_id, body)
      select ${thread.id}, 1 + n, ${alice.id}, '<p>encore</p>' from generate_series(1, ${extra}) as n`.execute(db());
    await sql`update threads set last_number = 1 + ${extra}, post_count = 1 + ${extra} where id = ${thread.id}`.execute(
      db(),
    );
    await createThread(ctx, alice, space.slug);

    expect(await unreadOf(ctx, bruno, space.slug, thread.id)).toBe(UNREAD_COUNT_MAX);
    expect(await spaceUnread(bruno, space.id)).toBe(UNREAD_COUNT_MAX);
    expect(await spaceUnread(alice, space.id)).toBe(0);
  });

  it('never moves a position backwards', async () => {
    const space = await freshSpace();
    const { thread, post: first } = await createThread(ctx, alice, space.slug);
    const last = await createPost(ctx, alice, thread.id, '<p>dernier</p>');
    await read(bruno, thread.id, last.id);
    expect((await read(bruno, thread.id, first.id)).statusCode).toBe(204);
    expect(await unreadOf(ctx, bruno, space.slug, thread.id)).toBe(0);
  });

  it('reading one thread never marks another, and refuses a post of another thread', async () => {
    const space = await freshSpace();
    const one = await createThread(ctx, alice, space.slug, { title: 'Un' });
    const two = await createThread(ctx, alice, space.slug, { title: 'Deux' });
    await read(bruno, one.thread.id, one.post.id);
    expect(await unreadOf(ctx, bruno, space.slug, one.thread.id)).toBe(0);
    expect(await unreadOf(ctx, bruno, space.slug, two.thread.id)).toBe(1);
    const cross = await read(bruno, one.thread.id, two.post.id);
    expect(cross.statusCode).toBe(404);
    expect(await unreadOf(ctx, bruno, space.slug, two.thread.id)).toBe(1);
  });

  it('marks a whole space read, and only that space', async () => {
    const space = await freshSpace();
    const other = await freshSpace();
    await createThread(ctx, alice, space.slug);
    await createThread(ctx, alice, space.slug);
    await createThread(ctx, alice, other.slug);
    expect(await spaceUnread(bruno, space.id)).toBe(2);
    expect((await request(ctx, bruno, 'POST', `/api/spaces/${space.slug}/read-all`)).statusCode).toBe(204);
    expect(await spaceUnread(bruno, space.id)).toBe(0);
    expect(await spaceUnread(bruno, other.id)).toBe(1);
  });

  it('does not count deleted posts', async () => {
    const space = await freshSpace();
    const { thread } = await createThread(ctx, alice, space.slug);
    const gone = await createPost(ctx, alice, thread.id, '<p>oups</p>');
    await request(ctx, alice, 'DELETE', `/api/posts/${gone.id}`);
    expect(await unreadOf(ctx, bruno, space.slug, thread.id)).toBe(1);
  });
});
