import { createECDH, randomBytes } from 'node:crypto';
import { PUSH_DEVICES_MAX, type PushSubscription } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../app';
import { loadConfig } from '../../config';
import { createTestApp, type TestContext } from '../../test/app';
import { createTestDatabase } from '../../test/database';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { request } from '../../test/http';
import { checkEndpoint } from './push.service';

/** A browser's subscription on a made-up push service: real P-256 keys, an https endpoint. */
const browserSubscription = (name = randomBytes(6).toString('hex')) => ({
  endpoint: `https://push.exemple.fr/send/${name}`,
  keys: {
    p256dh: createECDH('prime256v1').generateKeys().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  },
});

describe('push subscriptions', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  const subscribe = (person: TestPerson | null, body: object, headers: Record<string, string> = {}) =>
    request(ctx, person, 'POST', '/api/me/push-subscriptions', body, headers);
  const devicesOf = async (person: TestPerson) => {
    const response = await request(ctx, person, 'GET', '/api/me/push-subscriptions');
    expect(response.statusCode).toBe(200);
    return (response.json() as { items: PushSubscription[] }).items;
  };

  it('gives anyone the VAPID public key: a P-256 point, the same at every call', async () => {
    const first = await request(ctx, null, 'GET', '/api/push/public-key');
    expect(first.statusCode).toBe(200);
    const { key } = first.json() as { key: string };
    expect(Buffer.from(key, 'base64url')).toHaveLength(65);
    expect(Buffer.from(key, 'base64url')[0]).toBe(4);
    expect((await request(ctx, null, 'GET', '/api/push/public-key')).json()).toEqual({ key });
  });

  it('refuses anonymous visitors on every device route', async () => {
    const person = await createPerson(ctx);
    const created = await subscribe(person, browserSubscription());
    const { id } = created.json().subscription;
    expect((await request(ctx, null, 'GET', '/api/me/push-subscriptions')).statusCode).toBe(401);
    expect((await subscribe(null, browserSubscription())).statusCode).toBe(401);
    expect((await request(ctx, null, 'DELETE', `/api/me/push-subscriptions/${id}`)).statusCode).toBe(401);
    expect(await devicesOf(person)).toHaveLength(1);
  });

  it('subscribes a device with its user agent, lists it, and keeps one device when the browser sends it again', async () => {
    const person = await createPerson(ctx);
    const body = browserSubscription();
    const phone = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36';
    const created = await subscribe(person, body, { 'user-agent': phone });
    expect(created.statusCode).toBe(201);
    const { subscription } = created.json() as { subscription: PushSubscription };
    expect(subscription).toEqual({ id: expect.any(String), createdAt: expect.any(String), userAgent: phone });
    expect(await devicesOf(person)).toEqual([subscription]);

    // The browser renews its keys: same device, new keys stored.
    const renewed = { ...body, keys: browserSubscription().keys };
    const again = await subscribe(person, renewed, { 'user-agent': phone });
    expect(again.statusCode).toBe(201);
    expect(again.json().subscription.id).toBe(subscription.id);
    const row = await ctx.database.db
      .selectFrom('push_subscriptions')
      .select(['p256dh', 'auth'])
      .where('id', '=', subscription.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual(renewed.keys);
    expect(await devicesOf(person)).toHaveLength(1);
  });

  it('refuses endpoints that are not a push service’s https URL, and keys that are not keys', async () => {
    const person = await createPerson(ctx);
    const good = browserSubscription();
    const notAPoint = Buffer.alloc(65, 7);
    notAPoint[0] = 4;
    const bad: Array<[string, object]> = [
      ['plain http', { ...good, endpoint: 'http://push.exemple.fr/send/1' }],
      ['an address on the network', { ...good, endpoint: 'https://10.0.0.7/send/1' }],
      ['an IPv6 address', { ...good, endpoint: 'https://[fd00::1]/send/1' }],
      ['credentials', { ...good, endpoint: 'https://user:secret@push.exemple.fr/send/1' }],
      ['another scheme', { ...good, endpoint: 'ftp://push.exemple.fr/send/1' }],
      ['not a URL', { ...good, endpoint: 'push.exemple.fr' }],
      ['too long', { ...good, endpoint: `https://push.exemple.fr/${'a'.repeat(2100)}` }],
      ['no keys', { endpoint: good.endpoint }],
      ['a short p256dh', { ...good, keys: { ...good.keys, p256dh: good.keys.p256dh.slice(0, 40) } }],
      ['p256dh not on the curve', { ...good, keys: { ...good.keys, p256dh: notAPoint.toString('base64url') } }],
      ['auth of 8 bytes', { ...good, keys: { ...good.keys, auth: randomBytes(8).toString('base64url') } }],
      ['auth not base64url', { ...good, keys: { ...good.keys, auth: '!!!!!!!!!!!!!!!!!!!!!!' } }],
    ];
    for (const [why, body] of bad) {
      const response = await subscribe(person, body);
      expect(response.statusCode, why).toBe(400);
      expect(response.json().error.code, why).toBe('invalid_input');
    }
    expect(await devicesOf(person)).toEqual([]);
  });

  it('lets plain http reach this machine only outside production, for test push services', () => {
    expect(() => checkEndpoint('http://127.0.0.1:4321/push/a', true)).not.toThrow();
    expect(() => checkEndpoint('http://localhost:4321/push/a', true)).not.toThrow();
    expect(() => checkEndpoint('http://127.0.0.1:4321/push/a', false)).toThrow();
    expect(() => checkEndpoint('https://localhost/push/a', false)).toThrow();
    expect(() => checkEndpoint('https://fcm.googleapis.com/fcm/send/abc', false)).not.toThrow();
    expect(() => checkEndpoint('https://updates.push.services.mozilla.com/wpush/v2/abc', false)).not.toThrow();
  });

  it('removes one’s own device (204), and answers 404 for anyone else’s, an unknown id or a second time', async () => {
    const [owner, other] = [await createPerson(ctx), await createPerson(ctx)];
    const { id } = (await subscribe(owner, browserSubscription())).json().subscription;
    expect((await request(ctx, other, 'DELETE', `/api/me/push-subscriptions/${id}`)).statusCode).toBe(404);
    expect(await devicesOf(owner)).toHaveLength(1);
    expect((await request(ctx, owner, 'DELETE', '/api/me/push-subscriptions/pas-un-id')).statusCode).toBe(404);
    expect((await request(ctx, owner, 'DELETE', `/api/me/push-subscriptions/${id}`)).statusCode).toBe(204);
    expect(await devicesOf(owner)).toEqual([]);
    expect((await request(ctx, owner, 'DELETE', `/api/me/push-subscriptions/${id}`)).statusCode).toBe(404);
  });

  it(`keeps ${PUSH_DEVICES_MAX} devices a person, newest first, dropping the oldest`, async () => {
    const person = await createPerson(ctx);
    const ids: string[] = [];
    for (let i = 0; i <= PUSH_DEVICES_MAX; i++) {
      ids.push((await subscribe(person, browserSubscription())).json().subscription.id);
    }
    const devices = await devicesOf(person);
    expect(devices.map((device) => device.id)).toEqual(ids.slice(1).reverse());
  });

  it('moves a browser to the person now signed in on it: the previous one hears nothing more through it', async () => {
    const [before, after] = [await createPerson(ctx), await createPerson(ctx)];
    const body = browserSubscription();
    const first = (await subscribe(before, body)).json().subscription;
    const second = (await subscribe(after, body)).json().subscription;
    expect(second.id).not.toBe(first.id);
    expect(await devicesOf(before)).toEqual([]);
    expect((await devicesOf(after)).map((device) => device.id)).toEqual([second.id]);
  });
});

describe('VAPID keys', () => {
  it('are made once and shared by every process on the database', async () => {
    const database = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', SEED: 'off', LOG_LEVEL: 'silent', RATE_LIMITS: 'off' });
    const apps: App[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const app = await buildApp({ config, database, jobs: { workers: false } });
        await app.ready();
        apps.push(app);
      }
      const keys = await Promise.all(
        apps.map(async (app) => (await app.inject({ method: 'GET', url: '/api/push/public-key' })).json().key),
      );
      expect(keys[0]).toBe(keys[1]);
      const stored = await database.db.selectFrom('push_vapid_keys').select('public_key').execute();
      expect(stored).toEqual([{ public_key: keys[0] }]);
    } finally {
      for (const app of apps) await app.close();
      await database.close();
    }
  });

  it('come from the configuration when it names them', async () => {
    const { publicKey, privateKey } = (await import('web-push')).default.generateVAPIDKeys();
    const ctx = await createTestApp({ VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey });
    try {
      expect((await request(ctx, null, 'GET', '/api/push/public-key')).json()).toEqual({ key: publicKey });
      expect(await ctx.database.db.selectFrom('push_vapid_keys').selectAll().execute()).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
