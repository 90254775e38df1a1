import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createThread } from '../../test/factories/discussions';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { createSpace, joinSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';

let ctx: TestContext;
let alice: TestPerson;
let bruno: TestPerson;

beforeAll(async () => {
  ctx = await createTestApp({ RATE_LIMITS: 'on' });
  alice = await createPerson(ctx);
  bruno = await createPerson(ctx);
});
afterAll(() => ctx.close());

describe('posting rate limit', () => {
  it('allows 30 posts a minute per person, then answers 429 rate_limited without storing', async () => {
    const space = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'open' });
    await joinSpace(ctx, alice, space.slug);
    await joinSpace(ctx, bruno, space.slug);
    const { thread } = await createThread(ctx, alice, space.slug);
    for (let i = 1; i < 30; i++) {
      const ok = await request(ctx, alice, 'POST', `/api/threads/${thread.id}/posts`, { body: `<p>${i}</p>` });
      expect(ok.statusCode).toBe(201);
    }
    const refused = await request(ctx, alice, 'POST', `/api/threads/${thread.id}/posts`, { body: '<p>de trop</p>' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const detail = (await request(ctx, alice, 'GET', `/api/threads/${thread.id}`)).json();
    expect(detail.thread.postCount).toBe(30);

    // Another person is counted apart.
    const other = await request(ctx, bruno, 'POST', `/api/threads/${thread.id}/posts`, { body: '<p>moi aussi</p>' });
    expect(other.statusCode).toBe(201);
  });
});
