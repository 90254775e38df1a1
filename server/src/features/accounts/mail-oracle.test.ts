import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { createTestDatabase } from '../../test/database';
import { createPerson } from '../../test/factories/people';
import { uniqueEmail } from '../../test/http';
import { createJobsTestApp, type JobsTestApp } from '../../test/jobs';
import { StatementLog } from '../../test/statement-log';

const ROUTES = ['/api/auth/mail-link', '/api/auth/password-reset'] as const;

describe('mail link and password reset do the same work for a known and an unknown address', () => {
  let base: Database;
  let log: StatementLog;
  let ctx: JobsTestApp;
  beforeAll(async () => {
    base = await createTestDatabase();
    log = new StatementLog();
    // No job runs in this process: what is recorded is the request's own work.
    ctx = await createJobsTestApp({
      database: { ...base, db: base.db.withPlugin(log) },
      jobs: { workers: false },
      env: { RATE_LIMITS: 'on' },
    });
  });
  afterAll(async () => {
    await ctx.close();
    await base.close();
  });

  it.each(ROUTES)('%s runs the same statements whether or not the account exists', async (url) => {
    const known = await createPerson(ctx);
    const send = (email: string) => ctx.app.inject({ method: 'POST', url, payload: { email } });
    await send(uniqueEmail('echauffement')); // the first request of a queue may look it up once

    let knownAnswer: Awaited<ReturnType<typeof send>> | undefined;
    let unknownAnswer: Awaited<ReturnType<typeof send>> | undefined;
    const forKnown = await log.during(async () => {
      knownAnswer = await send(known.email);
    });
    const forUnknown = await log.during(async () => {
      unknownAnswer = await send(uniqueEmail('inconnu'));
    });

    expect(knownAnswer!.statusCode).toBe(202);
    expect(unknownAnswer!.statusCode).toBe(202);
    expect(knownAnswer!.body).toBe(unknownAnswer!.body);
    expect(forKnown.length).toBeGreaterThan(0);
    expect(forKnown).toEqual(forUnknown);
    // Nothing looks the account up on the request path: no read of users, no token written.
    expect(forKnown.join(' ')).not.toMatch(/users|auth_tokens|mail_outbox/);
  });
});

describe('the queued mail', () => {
  let ctx: JobsTestApp;
  beforeAll(async () => {
    ctx = await createJobsTestApp();
  });
  afterAll(() => ctx.close());

  it.each(ROUTES)('%s still reaches a known address, and nothing goes to an unknown one', async (url) => {
    const known = await createPerson(ctx);
    const unknown = uniqueEmail('inconnu');
    for (const email of [known.email, unknown]) {
      expect((await ctx.app.inject({ method: 'POST', url, payload: { email } })).statusCode).toBe(202);
    }
    const outbox = (to: string) =>
      ctx.database.db.selectFrom('mail_outbox').select('subject').where('to_address', '=', to).execute();
    await expect.poll(async () => (await outbox(known.email)).length).toBeGreaterThan(0);
    const [mail] = await outbox(known.email);
    expect(mail!.subject).toMatch(url.endsWith('mail-link') ? /connexion/ : /mot de passe/);
    // The job for the unknown address ran before or with the known one's; it sent nothing.
    const job = url.endsWith('mail-link') ? 'accounts.sign-in-link' : 'accounts.password-reset';
    const states = async () =>
      (
        await sql<{ state: string }>`select state from pgboss.job where name = ${job}`.execute(ctx.database.db)
      ).rows.map((row) => row.state);
    await expect.poll(states, { message: 'both jobs done' }).toEqual(['completed', 'completed']);
    expect(await outbox(unknown)).toEqual([]);
  });
});
