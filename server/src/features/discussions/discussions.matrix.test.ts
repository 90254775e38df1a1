import { ERROR_CODES } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createThread } from '../../test/factories/discussions';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';

/**
 * The authorisation matrix of discussions: every route × every kind of person × every
 * visibility. Each case runs on a fresh space where the member started a thread, so cases
 * never depend on each other. A refused write must leave every discussion table as it was.
 */

const ACTORS = ['anonymous', 'outsider', 'member', 'animateur', 'admin'] as const;
type ActorName = (typeof ACTORS)[number];
const VISIBILITIES = ['public', 'members', 'private'] as const;
type Visibility = (typeof VISIBILITIES)[number];
const JOIN_POLICY = { public: 'open', members: 'request', private: 'invite' } as const;

interface Fixture {
  slug: string;
  threadId: string;
  postId: string;
}

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url(f: Fixture): string;
  payload?: object;
  expect: Record<Visibility, readonly number[]>;
}

/** Reading: everyone in public spaces, members and admins elsewhere; private spaces stay hidden. */
const read = (ok: number) => ({
  public: [ok, ok, ok, ok, ok],
  members: [401, 403, ok, ok, ok],
  private: [404, 404, ok, ok, ok],
});
/** Keeping track (read positions, follows): signed-in readers. */
const track = (ok: number) => ({
  public: [401, ok, ok, ok, ok],
  members: [401, 403, ok, ok, ok],
  private: [401, 404, ok, ok, ok],
});
/** Writing: members and admins. */
const write = (ok: number) => ({
  public: [401, 403, ok, ok, ok],
  members: [401, 403, ok, ok, ok],
  private: [401, 404, ok, ok, ok],
});
const everyone = (statuses: readonly number[]) => ({ public: statuses, members: statuses, private: statuses });

const ROUTES: Route[] = [
  { name: 'GET /spaces/:slug/threads', method: 'GET', url: (f) => `/api/spaces/${f.slug}/threads`, expect: read(200) },
  {
    name: 'POST /spaces/:slug/threads',
    method: 'POST',
    url: (f) => `/api/spaces/${f.slug}/threads`,
    payload: { title: 'Un fil', body: '<p>Bonjour</p>' },
    expect: write(201),
  },
  { name: 'GET /threads/:id', method: 'GET', url: (f) => `/api/threads/${f.threadId}`, expect: read(200) },
  {
    name: 'POST /threads/:id/posts',
    method: 'POST',
    url: (f) => `/api/threads/${f.threadId}/posts`,
    payload: { body: '<p>Réponse</p>' },
    expect: write(201),
  },
  {
    name: 'PATCH /threads/:id',
    method: 'PATCH',
    url: (f) => `/api/threads/${f.threadId}`,
    payload: { pinned: true },
    expect: {
      public: [401, 403, 403, 200, 200],
      members: [401, 403, 403, 200, 200],
      private: [401, 404, 403, 200, 200],
    },
  },
  {
    name: "PATCH /posts/:id (the member's post)",
    method: 'PATCH',
    url: (f) => `/api/posts/${f.postId}`,
    payload: { body: '<p>Corrigé</p>' },
    expect: {
      public: [401, 403, 200, 403, 403],
      members: [401, 403, 200, 403, 403],
      private: [401, 404, 200, 403, 403],
    },
  },
  {
    name: "DELETE /posts/:id (the member's post)",
    method: 'DELETE',
    url: (f) => `/api/posts/${f.postId}`,
    expect: write(204),
  },
  {
    name: 'GET /posts/:id/revisions',
    method: 'GET',
    url: (f) => `/api/posts/${f.postId}/revisions`,
    expect: read(200),
  },
  {
    name: 'PUT /posts/:id/reactions/:emoji',
    method: 'PUT',
    url: (f) => `/api/posts/${f.postId}/reactions/${encodeURIComponent('🎉')}`,
    expect: write(200),
  },
  {
    name: 'DELETE /posts/:id/reactions/:emoji',
    method: 'DELETE',
    url: (f) => `/api/posts/${f.postId}/reactions/${encodeURIComponent('🎉')}`,
    expect: write(200),
  },
  {
    name: 'POST /threads/:id/read',
    method: 'POST',
    url: (f) => `/api/threads/${f.threadId}/read`,
    payload: {},
    expect: track(204),
  },
  {
    name: 'POST /spaces/:slug/read-all',
    method: 'POST',
    url: (f) => `/api/spaces/${f.slug}/read-all`,
    expect: track(204),
  },
  {
    name: 'PUT /threads/:id/follow',
    method: 'PUT',
    url: (f) => `/api/threads/${f.threadId}/follow`,
    expect: track(204),
  },
  {
    name: 'DELETE /threads/:id/follow',
    method: 'DELETE',
    url: (f) => `/api/threads/${f.threadId}/follow`,
    expect: track(204),
  },
  { name: 'GET /me/unread', method: 'GET', url: () => '/api/me/unread', expect: everyone([401, 200, 200, 200, 200]) },
  {
    name: 'GET /notifications',
    method: 'GET',
    url: () => '/api/notifications',
    expect: everyone([401, 200, 200, 200, 200]),
  },
  {
    name: 'POST /notifications/read-all',
    method: 'POST',
    url: () => '/api/notifications/read-all',
    expect: everyone([401, 204, 204, 204, 204]),
  },
];

const REFUSAL_CODES: Record<number, string[]> = { 401: ['unauthenticated'], 403: ['forbidden'], 404: ['not_found'] };
const TABLES = [
  'threads',
  'posts',
  'post_revisions',
  'reactions',
  'read_states',
  'thread_follows',
  'notifications',
  'idempotency_keys',
  'realtime_events',
] as const;

let ctx: TestContext;
let people: Record<Exclude<ActorName, 'anonymous'>, TestPerson>;
const db = () => ctx.database.db;

beforeAll(async () => {
  ctx = await createTestApp();
  people = {
    outsider: await createPerson(ctx),
    member: await createPerson(ctx),
    animateur: await createPerson(ctx),
    admin: await createPerson(ctx, { role: 'admin' }),
  };
});
afterAll(() => ctx.close());

async function fixture(visibility: Visibility): Promise<Fixture> {
  const space = await createSpace(db(), { visibility, joinPolicy: JOIN_POLICY[visibility] });
  await addMembership(db(), space.id, people.member.id);
  await addMembership(db(), space.id, people.animateur.id, { role: 'animateur' });
  const { thread, post } = await createThread(ctx, people.member, space.slug);
  // The animateur reacts, so that taking a reaction back has something to take.
  await db().insertInto('reactions').values({ post_id: post.id, user_id: people.animateur.id, emoji: '🎉' }).execute();
  return { slug: space.slug, threadId: thread.id, postId: post.id };
}

async function counts() {
  const rows = await Promise.all(
    TABLES.map((table) =>
      db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ),
  );
  return Object.fromEntries(TABLES.map((table, index) => [table, Number(rows[index]?.n)]));
}

const CASES = ROUTES.flatMap((route) =>
  VISIBILITIES.flatMap((visibility) =>
    ACTORS.map((actor, index) => [route.name, visibility, actor, route.expect[visibility][index]!, route] as const),
  ),
);

describe('discussion routes × people × visibility', () => {
  it('covers every route for every person and visibility', () => {
    expect(CASES).toHaveLength(ROUTES.length * ACTORS.length * VISIBILITIES.length);
  });

  it.each(CASES)('%s on a %s space as %s → %i', async (_name, visibility, actor, expected, route) => {
    const f = await fixture(visibility);
    const payload = route.name === 'POST /threads/:id/read' ? { lastReadPostId: f.postId } : route.payload;
    const before = await counts();
    const response = await ctx.app.inject({
      method: route.method,
      url: route.url(f),
      headers: actor === 'anonymous' ? {} : people[actor].headers,
      ...(payload ? { payload } : {}),
    });
    expect(response.statusCode, response.body).toBe(expected);
    if (expected >= 400) {
      const code = response.json().error.code as keyof typeof ERROR_CODES;
      expect(REFUSAL_CODES[expected]).toContain(code);
      expect(ERROR_CODES[code]).toBe(expected);
      expect(await counts()).toEqual(before);
    }
  });
});
