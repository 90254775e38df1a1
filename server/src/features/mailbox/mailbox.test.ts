import { randomUUID } from 'node:crypto';
import type { OutboxMessage } from '@atelier/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOutboxMessage } from '../../plugins/mail/outbox.queries';
import { createTestApp } from '../../test/app';
import { createJobsTestApp, type JobsTestApp } from '../../test/jobs';

describe('mail without SMTP', () => {
  let ctx: JobsTestApp;
  beforeAll(async () => {
    ctx = await createJobsTestApp();
  });
  afterAll(() => ctx.close());

  const mailbox = async (query = '') => {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/dev/mailbox${query}` });
    expect(response.statusCode).toBe(200);
    return response.json().items as OutboxMessage[];
  };
  const statusOf = async (id: string) => (await findOutboxMessage(ctx.app.db, id))?.status;

  it('keeps the message in the outbox, where the development mailbox shows it', async () => {
    const { outboxId } = await ctx.app.mail.send(ctx.app.db, {
      to: 'Camille.Martin@exemple.fr',
      subject: 'Bienvenue',
      text: 'Bonjour Camille',
      html: '<p>Bonjour Camille</p>',
    });
    await expect.poll(() => statusOf(outboxId)).toBe('kept');

    const [message] = await mailbox();
    expect(message).toEqual({
      id: outboxId,
      to: 'Camille.Martin@exemple.fr',
      subject: 'Bienvenue',
      text: 'Bonjour Camille',
      html: '<p>Bonjour Camille</p>',
      status: 'kept',
      headers: {},
      createdAt: expect.any(String),
    });
    expect(Number.isNaN(Date.parse(message!.createdAt))).toBe(false);
  });

  it('lists newest first and filters by address whatever its case', async () => {
    const first = await ctx.app.mail.send(ctx.app.db, { to: 'dominique@exemple.fr', subject: 'Un', text: 'un' });
    const second = await ctx.app.mail.send(ctx.app.db, { to: 'Dominique@Exemple.fr', subject: 'Deux', text: 'deux' });
    await ctx.app.mail.send(ctx.app.db, { to: 'someone.else@exemple.fr', subject: 'Autre', text: 'autre' });

    const items = await mailbox('?to=DOMINIQUE@exemple.FR');
    expect(items.map((item) => item.id)).toEqual([second.outboxId, first.outboxId]);
    expect(items[1]?.html).toBeNull();
    expect((await mailbox()).length).toBeGreaterThanOrEqual(4);
  });

  it('sends nothing and keeps nothing when the caller’s transaction rolls back', async () => {
    let rolledBack: string | undefined;
    await expect(
      ctx.app.db.transaction().execute(async (trx) => {
        rolledBack = (await ctx.app.mail.send(trx, { to: 'annule@exemple.fr', subject: 'Annulé', text: 'x' })).outboxId;
        throw new Error('registration refused');
      }),
    ).rejects.toThrow('registration refused');
    const committed = await ctx.app.db
      .transaction()
      .execute((trx) => ctx.app.mail.send(trx, { to: 'annule@exemple.fr', subject: 'Confirmé', text: 'y' }));

    // Jobs run in creation order: once the later message is kept, the earlier job had its turn.
    await expect.poll(() => statusOf(committed.outboxId)).toBe('kept');
    expect(rolledBack).toEqual(expect.any(String));
    expect(await findOutboxMessage(ctx.app.db, rolledBack!)).toBeUndefined();
    const { rows } = await sql`select id from pgboss.job where data->>'outboxId' = ${rolledBack}`.execute(ctx.app.db);
    expect(rows).toEqual([]);
    expect((await mailbox('?to=annule@exemple.fr')).map((item) => item.subject)).toEqual(['Confirmé']);
  });

  it('refuses anything but one plain recipient address', async () => {
    for (const to of ['a@exemple.fr\r\nBcc: b@exemple.fr', 'a@exemple.fr, b@exemple.fr', 'not an address']) {
      await expect(ctx.app.mail.send(ctx.app.db, { to, subject: 's', text: 't' })).rejects.toMatchObject({
        code: 'invalid_input',
      });
    }
  });

  it('rejects a bad filter with invalid_input', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/dev/mailbox?to=${'x'.repeat(400)}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_input');
  });
});

describe('the development mailbox in production', () => {
  it('does not exist: the path is a 404 like any unknown route', async () => {
    const ctx = await createTestApp({ NODE_ENV: 'production' });
    try {
      const unknown = await ctx.app.inject({ method: 'GET', url: '/api/dev/nothing-here' });
      for (const [method, url] of [
        ['GET', '/api/dev/mailbox'],
        ['GET', '/api/dev/demo-people'],
        ['POST', `/api/dev/demo-people/${randomUUID()}/session`],
      ] as const) {
        const response = await ctx.app.inject({ method, url });
        expect(response.statusCode).toBe(404);
        expect(response.json().error.code).toBe(unknown.json().error.code);
      }
    } finally {
      await ctx.close();
    }
  });
});
