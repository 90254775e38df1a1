import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThread } from '../../test/factories/discussions';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { createJobsTestApp, type JobsTestApp } from '../../test/jobs';
import { mailsTo } from '../../test/outbox';
import { deliverWebhook } from './delivery.service';
import { addressAllowed } from './webhook-request';
import { webhookEvents } from './webhooks.content';
import { webhooksDepsOf } from './webhooks.deps';
import { queueWebhooks } from './webhooks.service';

/**
 * Webhooks end to end: a receiver on this machine (the loopback setting on) gets a signed
 * `post.created` whose signature verifies; addresses of the internal network are refused at
 * delivery and logged; repeated failures switch a webhook off and mail the person who added it.
 */

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let ctx: JobsTestApp;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  ctx = await createJobsTestApp({ env: { WEBHOOKS_ALLOW_HTTP_LOOPBACK: 'on' } });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  await ctx?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function spaceRunBy() {
  const animateur = await createPerson(ctx);
  const space = await createSpace(ctx.database.db, { visibility: 'members', joinPolicy: 'request' });
  await addMembership(ctx.database.db, space.id, animateur.id, { role: 'animateur' });
  return { animateur, space };
}

async function addWebhook(who: TestPerson, slug: string, url: string, events: string[] = ['post.created']) {
  const created = await request(ctx, who, 'POST', `/api/spaces/${slug}/webhooks`, { url, events });
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { webhook: { id: string }; secret: string };
}

const log = (who: TestPerson, slug: string, id: string) =>
  request(ctx, who, 'GET', `/api/spaces/${slug}/webhooks/${id}/deliveries`).then((answer) => answer.json().items);

describe('a delivery', () => {
  it('reaches the receiver signed over its timestamp and raw body', async () => {
    const { animateur, space } = await spaceRunBy();
    const { webhook, secret } = await addWebhook(animateur, space.slug, receiverUrl);
    expect(secret).toMatch(/^whsec_/);
    const listed = await request(ctx, animateur, 'GET', `/api/spaces/${space.slug}/webhooks`);
    expect(listed.body).not.toContain(secret);

    const { thread, post } = await createThread(ctx, animateur, space.slug, { body: '<p>Compte rendu du jour</p>' });
    await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const delivery = received.find((r) => r.headers['x-atelier-event'] === 'post.created');
    expect(delivery).toBeDefined();
    const { headers, body } = delivery!;
    const timestamp = headers['x-atelier-timestamp'] as string;
    const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    expect(headers['x-atelier-signature']).toBe(`sha256=${expected}`);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    const payload = JSON.parse(body);
    expect(payload).toMatchObject({
      type: 'post.created',
      space: { id: space.id, slug: space.slug },
      data: { post: { id: post.id, threadId: thread.id, body: '<p>Compte rendu du jour</p>' } },
    });
    // Listening to post.created only: no thread.created was sent.
    expect(received.filter((r) => r.headers['x-atelier-event'] === 'thread.created')).toEqual([]);

    await expect
      .poll(async () => (await log(animateur, space.slug, webhook.id))[0]?.status, { timeout: 15_000 })
      .toBe('delivered');
    const [entry] = await log(animateur, space.slug, webhook.id);
    expect(entry).toMatchObject({ event: 'post.created', statusCode: 204, attempts: 1, error: null });
    expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    // The log keeps how it went, not what it said.
    const kept = await ctx.database.db
      .selectFrom('webhook_deliveries')
      .select('body')
      .where('id', '=', entry.id)
      .executeTakeFirst();
    expect(kept?.body).toBeNull();
  });

  it('tells of a new event and its seat counts with nothing only some readers see', async () => {
    const { animateur, space } = await spaceRunBy();
    await addWebhook(animateur, space.slug, receiverUrl, ['event.created', 'registration.changed']);
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const created = await request(ctx, animateur, 'POST', '/api/events', {
      title: 'Atelier récits',
      kind: 'atelier',
      spaceId: space.id,
      startsAt: `${day}T09:00:00+01:00`,
      endsAt: `${day}T11:00:00+01:00`,
      timezone: 'Europe/Paris',
      videoUrl: 'https://visio.exemple.fr/salle-secrete',
    });
    expect(created.statusCode, created.body).toBe(201);
    const eventId = created.json().event.id;
    expect((await request(ctx, animateur, 'POST', `/api/events/${eventId}/registrations`, {})).statusCode).toBe(201);
    const about = () => received.filter((r) => r.body.includes(eventId));
    await expect.poll(() => about().length, { timeout: 15_000 }).toBe(2);
    const [announced, seats] = ['event.created', 'registration.changed'].map(
      (type) => about().find((r) => r.headers['x-atelier-event'] === type)!,
    );
    expect(JSON.parse(announced!.body).data.event).toMatchObject({ id: eventId, title: 'Atelier récits' });
    expect(JSON.parse(seats!.body).data).toEqual({ eventId, registeredCount: 1, waitlistCount: 0 });
    for (const delivery of about()) {
      expect(delivery.body).not.toContain('salle-secrete');
      expect(delivery.body).not.toContain(animateur.email);
    }
  });

  it('is queued in the transaction of the change: nothing for a refused post', async () => {
    const { animateur, space } = await spaceRunBy();
    const { webhook } = await addWebhook(animateur, space.slug, receiverUrl, ['thread.created']);
    const outsider = await createPerson(ctx);
    const refused = await request(ctx, outsider, 'POST', `/api/spaces/${space.slug}/threads`, {
      title: 'Non',
      body: '<p>Non</p>',
    });
    expect(refused.statusCode).toBe(403);
    expect(await log(animateur, space.slug, webhook.id)).toEqual([]);
  });

  it('refuses plain http elsewhere than this machine when the webhook is added', async () => {
    const { animateur, space } = await spaceRunBy();
    const refused = await request(ctx, animateur, 'POST', `/api/spaces/${space.slug}/webhooks`, {
      url: 'http://recepteur.exemple.fr/hooks',
      events: ['post.created'],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('webhook_url_forbidden');
  });
});

describe('addresses of the internal network', () => {
  it('classifies addresses', () => {
    for (const address of ['10.0.0.1', '172.16.3.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0']) {
      expect(addressAllowed(address, true), address).toBe(false);
    }
    for (const address of ['::1', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1', '::']) {
      expect(addressAllowed(address, false), address).toBe(false);
    }
    expect(addressAllowed('127.0.0.1', false)).toBe(false);
    expect(addressAllowed('127.0.0.1', true)).toBe(true);
    expect(addressAllowed('93.184.216.34', false)).toBe(true);
    expect(addressAllowed('2606:4700::1111', false)).toBe(true);
  });

  it('are refused at delivery and logged, and five failures switch the webhook off with a mail', async () => {
    // An app of its own, the loopback setting off, that runs no job: deliveries are made here
    // by hand, with a resolver that gives a name an address of the internal network.
    const main = ctx;
    ctx = await createJobsTestApp({ jobs: { workers: false } });
    try {
      await refusedAtDelivery();
    } finally {
      await ctx.close();
      ctx = main;
    }
  });
});

async function refusedAtDelivery() {
  const { animateur, space } = await spaceRunBy();
  expect(ctx.config.webhooksAllowHttpLoopback).toBe(false);
  const deps = {
    ...webhooksDepsOf(ctx.app, ctx.config),
    resolve: async (host: string) =>
      host === 'intranet.exemple.fr' ? [{ address: '10.1.2.3', family: 4 }] : [{ address: '93.184.216.34', family: 4 }],
  };
  const port = (receiver.address() as AddressInfo).port;
  const targets = ['https://10.0.0.1/hooks', `https://127.0.0.1:${port}/hooks`, 'https://intranet.exemple.fr/hooks'];
  const ids: string[] = [];
  for (const url of targets)
    ids.push((await addWebhook(animateur, space.slug, url, ['registration.changed'])).webhook.id);
  // Queued as a change would queue them, then delivered by hand with the deps above.
  const deliveries = async () =>
    ctx.database.db
      .selectFrom('webhook_deliveries')
      .select(['id', 'webhook_id', 'status', 'error'])
      .where('webhook_id', 'in', ids)
      .execute();
  const before = received.length;
  for (let round = 0; round < 5; round++) {
    await ctx.database.db.transaction().execute(async (trx) => {
      await queueWebhooks(
        trx,
        { spaceId: space.id },
        webhookEvents.registrationChanged('e', { registeredCount: 1, waitlistCount: 0 }),
      );
    });
    for (const row of (await deliveries()).filter((d) => d.status === 'pending')) {
      await deliverWebhook(deps, { data: { deliveryId: row.id }, attempt: 1, maxAttempts: 6 });
    }
  }
  expect(received.length).toBe(before);
  const rows = await deliveries();
  expect(rows.length).toBe(15);
  expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['refused']));
  const [ten, loop, named] = await Promise.all(ids.map((id) => log(animateur, space.slug, id)));
  expect(ten[0].error).toContain('10.0.0.1');
  expect(loop[0].error).toContain('127.0.0.1');
  expect(named[0].error).toContain('intranet.exemple.fr');

  const listed = (await request(ctx, animateur, 'GET', `/api/spaces/${space.slug}/webhooks`)).json().items;
  expect(listed.map((w: { enabled: boolean }) => w.enabled)).toEqual([false, false, false]);
  expect(listed[0].disabledReason).toContain('5 deliveries failed');
  const mails = await mailsTo(ctx.database.db, animateur.email);
  expect(mails.filter((mail) => mail.subject.includes('désactivé'))).toHaveLength(3);

  // Switched on again: its failures are forgotten.
  const again = await request(ctx, animateur, 'PATCH', `/api/spaces/${space.slug}/webhooks/${ids[0]}`, {
    enabled: true,
  });
  expect(again.json().webhook).toMatchObject({ enabled: true, failureCount: 0, disabledReason: null });
}
