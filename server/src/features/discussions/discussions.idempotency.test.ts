import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createThread } from '../../test/factories/discussions';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { createSpace, joinSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';

let ctx: TestContext;
let alice: TestPerson;
let bruno: TestPerson;
let space: { id: string; slug: string };
const db = () => ctx.database.db;

beforeAll(async () => {
  ctx = await createTestApp();
  alice = await createPerson(ctx);
  bruno = await createPerson(ctx);
  space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
  await joinSpace(ctx, alice, space.slug);
  await joinSpace(ctx, bruno, space.slug);
});
afterAll(() => ctx.close());

const countPosts = async (threadId: string) =>
  Number(
    (
      await db()
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('thread_id', '=', threadId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const post = (person: TestPerson, threadId: string, key: string, body = '<p>Une fois</p>') =>
  request(ctx, person, 'POST', `/api/threads/${threadId}/posts`, { body }, { 'idempotency-key': key });

describe('Idempotency-Key on post creation', () => {
  it('returns the first post when the same key comes again', async () => {
    const { thread } = await createThread(ctx, alice, space.slug);
    const first = await post(alice, thread.id, 'cle-1');
    const second = await post(alice, thread.id, 'cle-1', '<p>Autre texte</p>');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(await countPosts(thread.id)).toBe(2);
  });

  it('creates one post out of 5 concurrent requests with one key', async () => {
    const { thread } = await createThread(ctx, alice, space.slug);
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(alice, thread.id, 'rafale')));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().post.id)).size).toBe(1);
    expect(await countPosts(thread.id)).toBe(2);
    const { events } = await ctx.app.realtime.replay(`thread:${thread.id}`, 0);
    expect(events.filter((event) => event.type === 'post.created')).toHaveLength(2);
  });

  it('keeps keys per person, and refuses one key reused on another request', async () => {
    const { thread } = await createThread(ctx, alice, space.slug);
    const { thread: other } = await createThread(ctx, alice, space.slug);
    await post(alice, thread.id, 'partagee');
    expect((await post(bruno, thread.id, 'partagee')).statusCode).toBe(201);
    expect(await countPosts(thread.id)).toBe(3);
    const reused = await post(alice, other.id, 'partagee');
    expect([reused.statusCode, reused.json().error.code]).toEqual([409, 'conflict']);
    expect(await countPosts(other.id)).toBe(1);
  });

  it('lets a key be used again after its first request failed', async () => {
    const { thread } = await createThread(ctx, alice, space.slug);
    expect((await post(alice, thread.id, 'echec', '<script></script>')).statusCode).toBe(400);
    expect((await post(alice, thread.id, 'echec')).statusCode).toBe(201);
  });

  it('creates one thread for one key', async () => {
    const create = () =>
      request(
        ctx,
        alice,
        'POST',
        `/api/spaces/${space.slug}/threads`,
        { title: 'Une seule fois', body: '<p>x</p>' },
        {
          'idempotency-key': 'fil-1',
        },
      );
    const answers = await Promise.all([create(), create(), create()]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().thread.id)).size).toBe(1);
    const threads = await db().selectFrom('threads').select('id').where('title', '=', 'Une seule fois').execute();
    expect(threads).toHaveLength(1);
  });

  it('refuses a malformed key with 400', async () => {
    const { thread } = await createThread(ctx, alice, space.slug);
    expect((await post(alice, thread.id, 'avec espace')).statusCode).toBe(400);
  });
});
