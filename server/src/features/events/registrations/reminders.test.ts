import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, type TestPerson } from '../../../test/factories/people';
import { request } from '../../../test/http';
import { createJobsTestApp, type JobsTestApp } from '../../../test/jobs';
import { mailsTo } from '../../../test/outbox';

const HOUR = 60 * 60_000;

/** Reminders the day before and an hour before: delayed jobs, idempotent, none after a cancellation. */
describe('event reminders', () => {
  let jobs: JobsTestApp;
  let ctx: Parameters<typeof createPerson>[0];
  let admin: TestPerson;
  beforeAll(async () => {
    jobs = await createJobsTestApp();
    ctx = { app: jobs.app, database: jobs.database, config: jobs.config, close: jobs.close };
    admin = await createPerson(ctx, { role: 'admin' });
  });
  afterAll(() => jobs.close());

  const reminderJobs = async (eventId: string) =>
    (
      await sql<{ id: string; state: string; start_after: Date; data: { kind: string; startsAt: string } }>`
        select id, state, start_after, data from pgboss.job
        where name = 'events.reminder' and data->>'eventId' = ${eventId} order by start_after`.execute(jobs.app.db)
    ).rows;

  /** Time passes for the queue: the reminder of this kind becomes due now. */
  const makeDue = async (eventId: string, kind: 'day' | 'hour') => {
    const { rows } = await sql<{ id: string }>`
      update pgboss.job set start_after = now()
      where name = 'events.reminder' and data->>'eventId' = ${eventId} and data->>'kind' = ${kind} and state = 'created'
      returning id`.execute(jobs.app.db);
    return rows.map((row) => row.id);
  };
  const completed = async (ids: string[]) => {
    const states = async () =>
      (
        await sql<{ state: string }>`select state from pgboss.job where id in (${sql.join(ids)})`.execute(jobs.app.db)
      ).rows.map((row) => row.state);
    await expect.poll(states, { message: 'reminder jobs to complete' }).toEqual(ids.map(() => 'completed'));
  };
  const reminders = async (person: TestPerson, prefix: RegExp) =>
    (await mailsTo(jobs.database.db, person.email)).filter((mail) => prefix.test(mail.subject));

  it('plans both reminders, sends each once to seat holders only, with the link, and none after a cancellation', async () => {
    const startsAt = new Date(Date.now() + 48 * HOUR);
    const created = await request(ctx, admin, 'POST', '/api/events', {
      title: 'Assemblée de l’alliance',
      kind: 'autre',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
      timezone: 'Europe/Paris',
      capacity: 2,
      videoUrl: 'https://visio.exemple.fr/assemblee-secrete',
    });
    expect(created.statusCode).toBe(201);
    const eventId = created.json().event.id as string;
    const planned = await reminderJobs(eventId);
    expect(planned.map((job) => [job.data.kind, new Date(job.start_after).toISOString()])).toEqual([
      ['day', new Date(startsAt.getTime() - 24 * HOUR).toISOString()],
      ['hour', new Date(startsAt.getTime() - HOUR).toISOString()],
    ]);

    const [a, b, c, d] = await Promise.all([
      createPerson(ctx),
      createPerson(ctx),
      createPerson(ctx),
      createPerson(ctx),
    ]);
    if (!a || !b || !c || !d) throw new Error('people');
    for (const person of [a, b, c, d]) await request(ctx, person, 'POST', `/api/events/${eventId}/registrations`);
    // b leaves: c (first on the waitlist) gets the seat; d stays waiting.
    await request(ctx, b, 'DELETE', `/api/events/${eventId}/registrations/me`);

    await completed(await makeDue(eventId, 'day'));
    for (const person of [a, c]) {
      const sent = await reminders(person, /^Demain : /);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.text_body).toContain('https://visio.exemple.fr/assemblee-secrete');
    }
    for (const person of [b, d]) expect(await reminders(person, /^Demain : /)).toHaveLength(0);

    // The same job run again (a retry, a second process) sends nothing twice.
    const again = await jobs.app.jobs.enqueue(jobs.app.db, 'events.reminder', {
      eventId,
      kind: 'day',
      startsAt: startsAt.toISOString(),
    });
    await completed([again ?? '']);
    for (const person of [a, c]) expect(await reminders(person, /^Demain : /)).toHaveLength(1);

    // Cancelled: the hour-before reminder goes to no one.
    await request(ctx, admin, 'POST', `/api/events/${eventId}/cancel`, { reason: 'Report' });
    await completed(await makeDue(eventId, 'hour'));
    for (const person of [a, b, c, d]) expect(await reminders(person, /^Dans une heure : /)).toHaveLength(0);
  });

  it('carries one-click unsubscribe (RFC 8058): once posted, the reminders stop and nothing retries', async () => {
    const startsAt = new Date(Date.now() + 50 * HOUR);
    const created = await request(ctx, admin, 'POST', '/api/events', {
      title: 'Atelier des rappels',
      kind: 'atelier',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
      timezone: 'Europe/Paris',
      videoUrl: 'https://visio.exemple.fr/rappels',
    });
    expect(created.statusCode).toBe(201);
    const eventId = created.json().event.id as string;
    const [leaving, staying] = await Promise.all([createPerson(ctx), createPerson(ctx)]);
    if (!leaving || !staying) throw new Error('people');
    for (const person of [leaving, staying]) {
      expect((await request(ctx, person, 'POST', `/api/events/${eventId}/registrations`)).statusCode).toBe(201);
    }

    const withHeaders = async (person: TestPerson, prefix: RegExp) =>
      (
        await jobs.database.db
          .selectFrom('mail_outbox')
          .select(['subject', 'text_body', 'headers'])
          .where('to_address', '=', person.email)
          .orderBy('created_at')
          .execute()
      ).filter((mail) => prefix.test(mail.subject));

    // The confirmation answers what the person did: transactional, no list to leave.
    const [confirmation] = await withHeaders(leaving, /^Inscription confirmée : /);
    expect(confirmation?.headers?.['List-Unsubscribe']).toBeUndefined();

    await completed(await makeDue(eventId, 'day'));
    const [reminder] = await withHeaders(leaving, /^Demain : /);
    const headers = reminder?.headers ?? {};
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const url = /^<(https?:\/\/[^>]+\/api\/unsubscribe\/([^>]+))>$/.exec(headers['List-Unsubscribe'] ?? '');
    const token = url?.[2];
    if (!token) throw new Error(`no List-Unsubscribe header in ${JSON.stringify(headers)}`);
    expect(reminder?.text_body).toContain('Vous recevez ce rappel parce que vous êtes inscrit·e à cet événement.');
    expect(reminder?.text_body).toContain(`Ne plus recevoir les rappels d’événements\u00a0: `);
    expect(reminder?.text_body).toContain(`/desabonnement/${token}`);

    // The mail client's « Se désabonner »: a form POST, no session, no CSRF token.
    const oneClick = await jobs.app.inject({
      method: 'POST',
      url: `/api/unsubscribe/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.json()).toEqual({ list: { kind: 'reminders' }, previous: 'each', current: 'off' });
    const settings = await request(ctx, leaving, 'GET', '/api/me/notification-settings');
    expect(settings.json()).toMatchObject({ mentions: 'each', replies: 'each', reminders: 'off' });

    // The hour-before reminder: the other seat holder gets it, the one who left the list does
    // not — and is claimed all the same, so a rerun mails them nothing either.
    await completed(await makeDue(eventId, 'hour'));
    expect(await reminders(staying, /^Dans une heure : /)).toHaveLength(1);
    expect(await reminders(leaving, /^Dans une heure : /)).toHaveLength(0);
    const claims = await jobs.database.db
      .selectFrom('registrations')
      .select(['user_id', 'reminded_hour_at'])
      .where('event_id', '=', eventId)
      .execute();
    expect(claims.every((row) => row.reminded_hour_at !== null)).toBe(true);
    const again = await jobs.app.jobs.enqueue(jobs.app.db, 'events.reminder', {
      eventId,
      kind: 'hour',
      startsAt: startsAt.toISOString(),
    });
    await completed([again ?? '']);
    expect(await reminders(leaving, /^Dans une heure : /)).toHaveLength(0);
    expect(await reminders(staying, /^Dans une heure : /)).toHaveLength(1);
  });

  it('plans new reminders when an event moves; the old ones find a different start and do nothing', async () => {
    const startsAt = new Date(Date.now() + 72 * HOUR);
    const created = await request(ctx, admin, 'POST', '/api/events', {
      title: 'Atelier déplacé',
      kind: 'atelier',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
      timezone: 'Europe/Paris',
      videoUrl: 'https://visio.exemple.fr/atelier',
    });
    const eventId = created.json().event.id as string;
    const person = await createPerson(ctx);
    await request(ctx, person, 'POST', `/api/events/${eventId}/registrations`);
    const moved = new Date(startsAt.getTime() + 24 * HOUR);
    const patch = await request(ctx, admin, 'PATCH', `/api/events/${eventId}`, {
      startsAt: moved.toISOString(),
      endsAt: new Date(moved.getTime() + HOUR).toISOString(),
    });
    expect(patch.statusCode).toBe(200);
    const planned = await reminderJobs(eventId);
    expect(planned.filter((job) => job.data.startsAt === moved.toISOString())).toHaveLength(2);

    const stale = planned.filter((job) => job.data.startsAt === startsAt.toISOString() && job.data.kind === 'day');
    await sql`update pgboss.job set start_after = now() where id in (${sql.join(stale.map((job) => job.id))})`.execute(
      jobs.app.db,
    );
    await completed(stale.map((job) => job.id));
    expect(await reminders(person, /^Demain : /)).toHaveLength(0);
    const fresh = planned.filter((job) => job.data.startsAt === moved.toISOString() && job.data.kind === 'day');
    await sql`update pgboss.job set start_after = now() where id in (${sql.join(fresh.map((job) => job.id))})`.execute(
      jobs.app.db,
    );
    await completed(fresh.map((job) => job.id));
    expect(await reminders(person, /^Demain : /)).toHaveLength(1);
  });
});
