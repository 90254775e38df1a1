import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { PASSWORD, signUp, uniqueEmail } from '../../test/http';

const OWNER_IP = '198.51.100.7';
const attackerIp = (i: number) => `203.0.113.${i + 1}`;

const post = (ctx: TestContext, url: string, payload: object, remoteAddress: string, headers = {}) =>
  ctx.app.inject({ method: 'POST', url, payload, remoteAddress, headers });
const login = (ctx: TestContext, email: string, password: string, remoteAddress: string, headers = {}) =>
  post(ctx, '/api/auth/login', { email, password }, remoteAddress, headers);

describe('sign-in limits (defaults: 10 per address from one IP, 30 per IP, in 15 minutes)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ RATE_LIMITS: 'on' });
  });
  afterAll(() => ctx.close());

  it('slows only the guesser: after 50 wrong passwords from elsewhere the owner still signs in, gets a link and a reset', async () => {
    const owner = await signUp(ctx.app);
    for (let i = 0; i < 5; i++) {
      const codes = [];
      for (let n = 0; n < 10; n++)
        codes.push((await login(ctx, owner.email, 'pas-le-bon-mot', attackerIp(i))).statusCode);
      expect(codes).toEqual(Array(10).fill(401));
      const blocked = await login(ctx, owner.email, PASSWORD, attackerIp(i));
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('rate_limited');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    }

    const signedIn = await login(ctx, owner.email, PASSWORD, OWNER_IP);
    expect(signedIn.statusCode).toBe(200);
    expect((await post(ctx, '/api/auth/mail-link', { email: owner.email }, OWNER_IP)).statusCode).toBe(202);
    expect((await post(ctx, '/api/auth/password-reset', { email: owner.email }, OWNER_IP)).statusCode).toBe(202);
  });

  it('also caps one IP over many addresses', async () => {
    const ip = '203.0.113.200';
    const codes = [];
    for (let i = 0; i < 31; i++) codes.push((await login(ctx, uniqueEmail(), 'essai-essai-essai', ip)).statusCode);
    expect(codes.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(codes[30]).toBe(429);
  });
});

describe('in production without TRUST_PROXY', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ RATE_LIMITS: 'on', NODE_ENV: 'production' });
  });
  afterAll(() => ctx.close());

  it('counts by the connection, not by a spoofed X-Forwarded-For, when no proxy is trusted', async () => {
    const ip = '203.0.113.201';
    const codes = [];
    for (let i = 0; i < 40; i++) {
      const spoofed = { 'x-forwarded-for': `192.0.2.${i + 1}` };
      codes.push((await login(ctx, uniqueEmail(), 'essai-essai-essai', ip, spoofed)).statusCode);
    }
    expect(codes.filter((code) => code === 401)).toHaveLength(30);
    expect(codes.slice(30)).toEqual(Array(10).fill(429));
  });
});

describe('behind a trusted proxy (TRUST_PROXY)', () => {
  let ctx: TestContext;
  const proxy = '10.0.0.5';
  beforeAll(async () => {
    ctx = await createTestApp({ RATE_LIMITS: 'on', TRUST_PROXY: '10.0.0.0/24' });
  });
  afterAll(() => ctx.close());

  it('counts each client the proxy names apart, and still ignores the header from anyone else', async () => {
    const throughProxy = [];
    for (let i = 0; i < 40; i++) {
      const forwarded = { 'x-forwarded-for': `192.0.2.${i + 1}` };
      throughProxy.push((await login(ctx, uniqueEmail(), 'essai-essai-essai', proxy, forwarded)).statusCode);
    }
    expect(throughProxy).toEqual(Array(40).fill(401));

    const direct = [];
    for (let i = 0; i < 31; i++) {
      const spoofed = { 'x-forwarded-for': `198.51.100.${i + 1}` };
      direct.push((await login(ctx, uniqueEmail(), 'essai-essai-essai', '203.0.113.9', spoofed)).statusCode);
    }
    expect(direct[30]).toBe(429);
  });
});
