import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../test/app';
import { uniqueEmail } from '../test/http';

const redisUrl = process.env.REDIS_URL;

// Runs where a Redis is given (REDIS_URL), as when several processes share one.
describe.skipIf(!redisUrl)('quotas counted in Redis', () => {
  let first: TestContext;
  let second: TestContext;
  beforeAll(async () => {
    const env = { RATE_LIMITS: 'on', REDIS_URL: redisUrl!, RATE_LIMIT_AUTH_PER_ACCOUNT: '2' };
    [first, second] = await Promise.all([createTestApp(env), createTestApp(env)]);
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  it('hold across processes: attempts on one app count on the other', async () => {
    // A fresh address, so that counters left in Redis by earlier runs do not matter.
    const email = uniqueEmail('redis');
    const remoteAddress = '203.0.113.77';
    const login = (ctx: TestContext) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: 'essai-essai-essai' },
        remoteAddress,
      });
    expect((await login(first)).statusCode).toBe(401);
    expect((await login(second)).statusCode).toBe(401);
    const refused = await login(first);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
