import { formatEventRange, PARIS, PushMessageSchema } from '@atelier/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPost, createThread, notificationsSettled } from '../../test/factories/discussions';
import { createEvent, createRegistration, eventsDeps } from '../../test/factories/events';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { createJobsTestApp, type JobsTestApp } from '../../test/jobs';
import { type PushEndpoint, type Subscriber, startPushEndpoint, verifyVapid } from '../../test/push-endpoint';
import { scheduleReminders } from '../events/registrations/reminders';

/**
 * Pushes reach a real HTTP endpoint started here, standing in for a browser's push service:
 * it checks the VAPID signature and decrypts the body with the browser's keys, as a browser
 * would. Jobs poll quickly and retry after a second.
 */
describe('push delivery', () => {
  let ctx: JobsTestApp;
  let endpoint: PushEndpoint;
  beforeAll(async () => {
    ctx = await createJobsTestApp();
    endpoint = await startPushEndpoint();
  });
  afterAll(async () => {
    await ctx?.close();
    await endpoint?.close();
  });

  const db = () => ctx.database.db;
  const as = (person: TestPerson | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: object) =>
    request(ctx, person, method, url, body);
  let devices = 0;
  /** A browser of `person` on the stand-in service, subscribed through the API. */
  async function device(person: TestPerson): Promise<Subscriber & { path: string; id: string }> {
    devices += 1;
    const subscriber = endpoint.subscriber(`device-${devices}`);
    const response = await as(person, 'POST', '/api/me/push-subscriptions', subscriber.subscription);
    expect(response.statusCode, response.body).toBe(201);
    const path = new URL(subscriber.subscription.endpoint).pathname;
    return { ...subscriber, path, id: response.json().subscription.id };
  }
  const pushesTo = (path: string) => endpoint.received().filter((push) => push.path === path);
  /** Waits for the `count`-th push to arrive at the device, and reads it as the browser would. */
  async function nextPush(target: Subscriber & { path: string }, count = 1) {
    await expect.poll(() => pushesTo(target.path).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(count);
    const push = pushesTo(target.path)[count - 1];
    if (!push) throw new Error('unreachable');
    return { push, message: PushMessageSchema.parse(JSON.parse(target.decrypt(push.body))) };
  }
  const pendingPushJobs = async () =>
    Number(
      (
        await sql<{ n: number }>`select count(*)::int as n from pgboss.job
          where name like 'push.%' and state in ('created', 'retry', 'active')`.execute(db())
      ).rows[0]?.n,
    );
  const notifyJobsFor = async (userId: string) =>
    Number(
      (
        await sql<{ n: number }>`select count(*)::int as n from pgboss.job
          where name = 'push.notify' and data->>'userId' = ${userId}`.execute(db())
      ).rows[0]?.n,
    );

  it('tells the mentioned person’s device, encrypted for it and signed with the server’s VAPID key', async () => {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request', title: 'Récits' });
    const author = await createPerson(ctx, { displayName: 'Inès Autrice' });
    const named = await createPerson(ctx, { displayName: 'Bruno Nommé' });
    for (const person of [author, named]) await addMembership(db(), space.id, person.id);
    const phone = await device(named);
    const authorsPhone = await device(author);

    const { thread } = await createThread(ctx, author, space.slug, { title: 'Le récit de la Drôme' });
    const post = await createPost(ctx, author, thread.id, '<p>Qu’en dis-tu, @Bruno Nommé ?</p>');
    const { push, message } = await nextPush(phone);

    expect(message).toEqual({
      title: 'Inès Autrice vous a mentionné·e',
      body: 'Dans « Le récit de la Drôme »',
      url: `/espaces/${space.slug}/fils/${thread.id}#message-${post.id}`,
    });
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(push.headers.ttl).toBe('86400');
    expect(push.headers.urgency).toBe('normal');
    const vapid = verifyVapid(push.headers.authorization);
    expect(vapid.publicKey).toBe((await as(null, 'GET', '/api/push/public-key')).json().key);
    expect(vapid.claims.aud).toBe(endpoint.url);
    expect(vapid.claims.sub).toBe('mailto:atelier@localhost');
    expect(vapid.claims.exp * 1000).toBeGreaterThan(Date.now());
    expect(vapid.claims.exp * 1000).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);

    await notificationsSettled(ctx);
    await expect.poll(pendingPushJobs, { timeout: 15_000 }).toBe(0);
    expect(pushesTo(authorsPhone.path)).toEqual([]); // nobody hears of their own post
    expect(pushesTo(phone.path)).toHaveLength(1);
  });

  it('pushes a mention only to those whose mentions setting is « each »', async () => {
    const space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
    const author = await createPerson(ctx, { displayName: 'Awa Autrice' });
    const keen = await createPerson(ctx, { displayName: 'Karim Partant', locale: 'en' });
    const quiet = await createPerson(ctx, { displayName: 'Zoé Tranquille' });
    for (const person of [author, keen, quiet]) await addMembership(db(), space.id, person.id);
    expect((await as(quiet, 'PUT', '/api/me/notification-settings', { mentions: 'off' })).statusCode).toBe(200);
    const keenPhone = await device(keen);
    const quietPhone = await device(quiet);

    const { thread } = await createThread(ctx, author, space.slug, { title: 'Atelier climat' });
    await createPost(ctx, author, thread.id, '<p>@Karim Partant et @Zoé Tranquille, à vous !</p>');
    const { message } = await nextPush(keenPhone);
    expect(message.title).toBe('Awa Autrice mentioned you'); // in Karim's language
    expect(message.body).toBe('In “Atelier climat”');

    // Both were named in the same post, so their pushes were decided in the same transaction.
    await notificationsSettled(ctx);
    expect(await notifyJobsFor(keen.id)).toBe(1);
    expect(await notifyJobsFor(quiet.id)).toBe(0);
    await expect.poll(pendingPushJobs, { timeout: 15_000 }).toBe(0);
    expect(pushesTo(quietPhone.path)).toEqual([]);
  });

  it('drops a subscription the push service says is gone (410), and only that one', async () => {
    const person = await createPerson(ctx);
    const [gone, kept] = [await device(person), await device(person)];
    endpoint.answer(gone.path, 410);
    const message = { title: 'Essai', body: 'Un message', url: '/' };
    for (const subscriptionId of [gone.id, kept.id]) {
      await ctx.app.jobs.enqueue(db(), 'push.deliver', { subscriptionId, message, ttlSeconds: 60, urgency: 'normal' });
    }
    await nextPush(gone);
    expect((await nextPush(kept)).message).toEqual(message);
    await expect
      .poll(
        async () =>
          (await as(person, 'GET', '/api/me/push-subscriptions')).json().items.map((d: { id: string }) => d.id),
        {
          timeout: 15_000,
        },
      )
      .toEqual([kept.id]);
  });

  it('retries a push the service could not take (503), then delivers it', async () => {
    const person = await createPerson(ctx);
    const phone = await device(person);
    endpoint.answer(phone.path, 503);
    const message = { title: 'Réessai', body: 'Après une panne', url: '/agenda' };
    await ctx.app.jobs.enqueue(db(), 'push.deliver', {
      subscriptionId: phone.id,
      message,
      ttlSeconds: 60,
      urgency: 'normal',
    });
    await nextPush(phone);
    endpoint.answer(phone.path, 201);
    expect((await nextPush(phone, 2)).message).toEqual(message);
    expect((await as(person, 'GET', '/api/me/push-subscriptions')).json().items).toHaveLength(1);
  });

  it('tells the person promoted from the waitlist that a seat is theirs, in their language', async () => {
    const event = await createEvent(db(), { capacity: 1, title: 'Session d’initiation' });
    const [holder, waiting] = [await createPerson(ctx), await createPerson(ctx, { locale: 'en' })];
    const phone = await device(waiting);
    expect((await as(holder, 'POST', `/api/events/${event.id}/registrations`)).statusCode).toBe(201);
    expect((await as(waiting, 'POST', `/api/events/${event.id}/registrations`)).json().registration.status).toBe(
      'waitlisted',
    );
    expect((await as(holder, 'DELETE', `/api/events/${event.id}/registrations/me`)).statusCode).toBe(204);

    const { push, message } = await nextPush(phone);
    expect(message.title).toBe('A seat has freed up: you are registered');
    const endsAt = new Date(new Date(event.starts_at).getTime() + 3600_000);
    expect(message.body).toBe(`“Session d’initiation”, ${formatEventRange(event.starts_at, endsAt, 'en', PARIS)}`);
    expect(message.url).toBe(`/evenements/${event.id}`);
    expect(push.headers.urgency).toBe('high');
  });

  it('tells seat holders with a device when the event starts, planned with its reminders', async () => {
    const event = await createEvent(db(), { title: 'La permanence', startsInHours: 4 / 3600, kind: 'permanence' });
    const [seated, waiting, noDevice] = [await createPerson(ctx), await createPerson(ctx), await createPerson(ctx)];
    await createRegistration(db(), event.id, seated.id, 'registered');
    await createRegistration(db(), event.id, waiting.id, 'waitlisted');
    await createRegistration(db(), event.id, noDevice.id, 'registered');
    const seatedPhone = await device(seated);
    const waitingPhone = await device(waiting);

    await scheduleReminders(eventsDeps(ctx), db(), { id: event.id, starts_at: event.starts_at });
    const planned = await sql<{ start_after: Date }>`select start_after from pgboss.job
      where name = 'push.event-start' and data->>'eventId' = ${event.id}`.execute(db());
    expect(planned.rows.map((row) => new Date(row.start_after).getTime())).toEqual([
      new Date(event.starts_at).getTime(),
    ]);

    const { push, message } = await nextPush(seatedPhone);
    expect(message.title).toBe('« La permanence » commence');
    expect(message.body).toMatch(/^C’est maintenant, à \d{1,2} h \d{2}\.$/);
    expect(push.headers.ttl).toBe('3600');
    await expect.poll(pendingPushJobs, { timeout: 15_000 }).toBe(0);
    expect(pushesTo(waitingPhone.path)).toEqual([]);
    expect(await notifyJobsFor(noDevice.id)).toBe(0);
  });
});
