import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { uniqueEmail } from '../../test/http';

describe('rate limits on sign-in', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ RATE_LIMITS: 'on', RATE_LIMIT_AUTH_PER_ACCOUNT: '3', RATE_LIMIT_AUTH_PER_IP: '6' });
  });
  afterAll(() => ctx.close());

  const login = (email: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'essai-essai-essai' } });

  it('limits attempts per account, then per IP, with 429 rate_limited', async () => {
    const target = uniqueEmail();
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await login(target)).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    expect((await login(target)).json().error.code).toBe('rate_limited');

    // Other accounts from the same IP still get through until the IP budget is spent.
    const others = [];
    for (let i = 0; i < 3; i++) others.push((await login(uniqueEmail())).statusCode);
    expect(others).toEqual([401, 429, 429]);
  });
});
