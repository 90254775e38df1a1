import type { Newsletter } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailSender } from '../../core/mail';
import { createNewsletter, newslettersDeps } from '../../test/factories/newsletters';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { createJobsTestApp, type JobsTestApp } from '../../test/jobs';
import { type SmtpSink, startSmtpSink } from '../../test/smtp-sink';
import { deliverNextBatch, resumeStalledSends } from './newsletter-sending.service';
import type { NewslettersDeps } from './newsletters.deps';

/**
 * The send job, batch by batch: a crash half-way resumes without mailing anyone twice, two
 * runs at once share the work, and the issue's counts follow its mails through the outbox.
 */

describe('the send job, batch by batch', () => {
  let ctx: JobsTestApp;
  beforeAll(async () => {
    // No worker: the test runs the batches itself, as the job would, one call per job.
    ctx = await createJobsTestApp({ jobs: { workers: false } });
  });
  afterAll(() => ctx?.close());
  const db = () => ctx.database.db;

  /** A space with `count` members and an issue of it marked sending, as the send route leaves it. */
  async function sendingIssue(count: number) {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
    const people: TestPerson[] = [];
    for (let i = 0; i < count; i++) {
      const person = await createPerson(ctx);
      await addMembership(db(), space.id, person.id);
      people.push(person);
    }
    const { id } = await createNewsletter(db(), {
      spaceId: space.id,
      authorId: people[0]!.id,
      subject: `Lot ${space.slug}`,
    });
    await db()
      .updateTable('newsletters')
      .set({ status: 'sending', send_started_at: new Date() })
      .where('id', '=', id)
      .execute();
    return { id, people, subject: `Lot ${space.slug}` };
  }

  /** How many mails of the issue each person has, in the outbox. */
  const mailsPerPerson = async (people: TestPerson[], subject: string) => {
    const rows = await db().selectFrom('mail_outbox').select('to_address').where('subject', '=', subject).execute();
    return people.map((person) => rows.filter((row) => row.to_address === person.email).length);
  };

  /** Jobs the batches queued, instead of running them. */
  const queued: string[] = [];
  const jobs: NewslettersDeps['jobs'] = {
    enqueue: async (_executor, _name, data) => {
      queued.push((data as { newsletterId: string }).newsletterId);
      return null;
    },
  };

  it('resumes after a crash half-way without mailing anyone twice', async () => {
    const { id, people, subject } = await sendingIssue(5);
    const deps = newslettersDeps(ctx, { batchSize: 2, jobs });
    expect(await deliverNextBatch(deps, id)).toBe('more');
    expect(queued.filter((queuedId) => queuedId === id)).toHaveLength(1);

    // The process dies while writing the second batch: after its first mail, before the commit.
    let written = 0;
    const crashing: MailSender = {
      send: async (executor, mail) => {
        const sent = await ctx.app.mail.send(executor, mail);
        written += 1;
        if (written === 1) throw new Error('process killed');
        return sent;
      },
    };
    await expect(deliverNextBatch({ ...deps, mail: crashing }, id)).rejects.toThrow('process killed');
    expect((await mailsPerPerson(people, subject)).reduce((a, b) => a + b)).toBe(2);

    // The job's retry, then the batches it queues, until the issue is sent.
    const outcomes = [];
    for (let run = 0; run < 5; run++) {
      const outcome = await deliverNextBatch(deps, id);
      outcomes.push(outcome);
      if (outcome !== 'more') break;
    }
    expect(outcomes).toEqual(['more', 'sent']);
    expect(await mailsPerPerson(people, subject)).toEqual([1, 1, 1, 1, 1]);
    const issue = await db().selectFrom('newsletters').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(issue).toMatchObject({ status: 'sent', recipient_count: 5 });
    expect(issue.sent_at).not.toBeNull();
    // A late duplicate of the job finds nothing to do.
    expect(await deliverNextBatch(deps, id)).toBe('nothing');
    expect(await mailsPerPerson(people, subject)).toEqual([1, 1, 1, 1, 1]);
  });

  it('shares the work between two runs of the same job at once', async () => {
    const { id, people, subject } = await sendingIssue(7);
    const deps = newslettersDeps(ctx, { batchSize: 3, jobs });
    for (let round = 0; round < 4; round++) {
      const outcomes = await Promise.all([deliverNextBatch(deps, id), deliverNextBatch(deps, id)]);
      if (outcomes.every((outcome) => outcome !== 'more')) break;
    }
    expect(await mailsPerPerson(people, subject)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    const issue = await db().selectFrom('newsletters').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(issue).toMatchObject({ status: 'sent', recipient_count: 7 });
  });

  it('skips whoever left or opted out between the send and their batch', async () => {
    const { id, people, subject } = await sendingIssue(4);
    const [, leaver, quitter] = people;
    const { space_id } = await db()
      .selectFrom('newsletters')
      .select('space_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await db().deleteFrom('memberships').where('user_id', '=', leaver!.id).where('space_id', '=', space_id).execute();
    await db().insertInto('newsletter_opt_outs').values({ user_id: quitter!.id, space_id }).execute();
    expect(await deliverNextBatch(newslettersDeps(ctx, { jobs }), id)).toBe('sent');
    expect(await mailsPerPerson(people, subject)).toEqual([1, 0, 0, 1]);
  });

  it('takes up again a send whose job gave up, once, and never a sent issue', async () => {
    const stalled = await sendingIssue(2);
    const done = await sendingIssue(1);
    expect(await deliverNextBatch(newslettersDeps(ctx, { jobs }), done.id)).toBe('sent');
    const resumed: Array<{ id: string; key: string | undefined }> = [];
    const recording: NewslettersDeps['jobs'] = {
      enqueue: async (_executor, _name, data, options) => {
        resumed.push({ id: (data as { newsletterId: string }).newsletterId, key: options?.singletonKey });
        return 'job';
      },
    };
    await resumeStalledSends({ db: db(), jobs: recording });
    expect(resumed).toContainEqual({ id: stalled.id, key: stalled.id });
    expect(resumed.map((job) => job.id)).not.toContain(done.id);
  });
});

describe('a send whose job gave up', () => {
  let ctx: JobsTestApp;
  beforeAll(async () => {
    ctx = await createJobsTestApp();
  });
  afterAll(() => ctx?.close());

  it('is queued again and completes, each member mailed once', async () => {
    const db = ctx.database.db;
    const space = await createSpace(db, { visibility: 'members', joinPolicy: 'request' });
    const member = await createPerson(ctx);
    await addMembership(db, space.id, member.id);
    const { id } = await createNewsletter(db, { spaceId: space.id, authorId: member.id, subject: 'Reprise' });
    // Left `sending` with no job, as after a batch failed on every retry.
    await db
      .updateTable('newsletters')
      .set({ status: 'sending', send_started_at: new Date() })
      .where('id', '=', id)
      .execute();
    const deps = { db, jobs: ctx.app.jobs };
    const first = resumeStalledSends(deps);
    const second = resumeStalledSends(deps);
    const status = async () =>
      (await db.selectFrom('newsletters').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    await Promise.all([first, second]);
    await expect.poll(status).toBe('sent');
    const mails = await db.selectFrom('mail_outbox').select('to_address').where('subject', '=', 'Reprise').execute();
    expect(mails).toEqual([{ to_address: member.email }]);
  });
});

describe('an issue’s delivery counts', () => {
  let sink: SmtpSink;
  let ctx: JobsTestApp;
  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createJobsTestApp({ env: { SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await ctx?.close();
    await sink?.close();
  });

  it('counts what the SMTP server accepted and what it refused for good', async () => {
    const db = ctx.database.db;
    const space = await createSpace(db, { visibility: 'public', joinPolicy: 'open' });
    const animateur = await createPerson(ctx);
    await addMembership(db, space.id, animateur.id, { role: 'animateur' });
    for (let i = 0; i < 3; i++) await addMembership(db, space.id, (await createPerson(ctx)).id);
    const created = await request(ctx, animateur, 'POST', `/api/spaces/${space.slug}/newsletters`, {
      subject: 'Compter',
      body: '<p>Qui l’a reçue ?</p>',
    });
    const { id } = created.json().newsletter as Newsletter;

    // The first mail is refused for good (5xx); the three others go through.
    sink.refuseNext(1, 550);
    expect((await request(ctx, animateur, 'POST', `/api/newsletters/${id}/send`)).statusCode).toBe(202);
    const counts = async () => {
      const issue = (await request(ctx, animateur, 'GET', `/api/newsletters/${id}`)).json().newsletter as Newsletter;
      return [issue.status, issue.recipientCount, issue.sentCount, issue.failedCount];
    };
    await expect.poll(counts, { timeout: 15_000 }).toEqual(['sent', 4, 3, 1]);
    expect(sink.messages.filter((message) => message.raw.includes('Subject: Compter'))).toHaveLength(3);
    // A reader of the space sees the issue, not how its mails went.
    const reader = (await request(ctx, null, 'GET', `/api/newsletters/${id}`)).json().newsletter as Newsletter;
    expect([reader.sentCount, reader.failedCount, reader.recipientCount]).toEqual([null, null, 4]);
  });
});
