import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMail } from '../../core/mail-content';
import { createPost, createThread, notificationsSettled } from '../../test/factories/discussions';
import { createPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { createJobsTestApp, type JobsTestApp } from '../../test/jobs';
import { type SmtpSink, startSmtpSink } from '../../test/smtp-sink';
import { findOutboxMessage } from './outbox.queries';

describe('mail through SMTP', () => {
  let sink: SmtpSink;
  let ctx: JobsTestApp;
  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createJobsTestApp({
      env: {
        SMTP_URL: sink.url,
        MAIL_FROM: 'Atelier <atelier@exemple.fr>',
        PUBLIC_URL: 'https://atelier.exemple.fr',
        // The posts' mail waits a few seconds to gather both posts, however busy the machine:
        // without it the first post may be mailed alone before the second one is written.
        MAIL_GROUP_SECONDS: '5',
      },
    });
  });
  afterAll(async () => {
    await ctx.close();
    await sink.close();
  });

  /** The message once its job is done with it (a status never goes back to `queued`). */
  const settled = async (id: string) => {
    const status = async () => (await findOutboxMessage(ctx.app.db, id))?.status;
    await expect.poll(status, { message: `message ${id} to leave the queue` }).toBeOneOf(['sent', 'failed', 'kept']);
    return (await findOutboxMessage(ctx.app.db, id))!;
  };
  const sunk = (id: string) => sink.messages.filter((message) => message.raw.includes(`<${id}@atelier.exemple.fr>`));

  it('hands the message to the SMTP server and marks it sent', async () => {
    const content = await renderMail({
      locale: 'fr',
      paragraphs: ['Votre inscription est confirmee.'],
      action: { label: 'Voir', url: 'https://atelier.exemple.fr/e/1' },
    });
    const { outboxId } = await ctx.app.mail.send(ctx.app.db, {
      to: 'participant@exemple.fr',
      subject: 'Inscription confirmee',
      ...content,
    });

    const row = await settled(outboxId);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(row.sent_at).toBeInstanceOf(Date);
    const [message, ...others] = sunk(outboxId);
    expect(others).toEqual([]);
    expect(message?.from).toBe('atelier@exemple.fr');
    expect(message?.to).toEqual(['participant@exemple.fr']);
    expect(message?.raw).toContain('Subject: Inscription confirmee');
    expect(message?.raw).toContain('multipart/alternative');
    expect(message?.raw).toContain('Votre inscription est confirmee.');
  });

  it('retries after a transient refusal and sends exactly once', async () => {
    sink.refuseNext(1, 451);
    const { outboxId } = await ctx.app.mail.send(ctx.app.db, {
      to: 'retry@exemple.fr',
      subject: 'Second try',
      text: 'Hello again',
    });

    const row = await settled(outboxId);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(sunk(outboxId)).toHaveLength(1);
  });

  it('marks the message failed at once when the server refuses it for good', async () => {
    sink.refuseNext(1, 550);
    const { outboxId } = await ctx.app.mail.send(ctx.app.db, { to: 'nobody@exemple.fr', subject: 'Lost', text: 'x' });

    const row = await settled(outboxId);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toContain('sink refuses');
    expect(sunk(outboxId)).toEqual([]);
  });

  it('delivers a mail about posts as a mail client reads it: headers, both parts, absolute links', async () => {
    const space = await createSpace(ctx.database.db, { visibility: 'members', joinPolicy: 'request', title: 'Récits' });
    const author = await createPerson(ctx, { displayName: 'Alice Autrice' });
    const reader = await createPerson(ctx, { displayName: 'Bruno Lecteur' });
    await addMembership(ctx.database.db, space.id, author.id);
    await addMembership(ctx.database.db, space.id, reader.id);
    await request(ctx, reader, 'PUT', `/api/me/notification-settings/spaces/${space.slug}`, { mode: 'each' });
    const { thread } = await createThread(ctx, author, space.slug, {
      title: 'Été « chaud »',
      body: '<p>Première idée</p>',
    });
    await createPost(ctx, author, thread.id, '<p>Deuxième idée</p>');
    await notificationsSettled(ctx);

    await expect.poll(() => sink.messages.filter((message) => message.to.includes(reader.email)).length).toBe(1);
    const raw = sink.messages.find((message) => message.to.includes(reader.email))?.raw ?? '';
    const mail = await simpleParser(raw);
    // The headers as they crossed the wire (mailparser also reads List-* into a structure).
    const header = (name: string) => mail.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, '');
    expect(mail.subject).toBe('2 nouveaux messages dans « Récits »');
    expect(header('list-unsubscribe')).toMatch(/^<https:\/\/atelier\.exemple\.fr\/api\/unsubscribe\/[\w-]+\.[\w-]+>$/);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain('« Deuxième idée »');
    expect(mail.text).toContain(`https://atelier.exemple.fr/espaces/${space.slug}/fils/${thread.id}`);
    expect(mail.html).toContain('Été « chaud »');
    const links = [...String(mail.html).matchAll(/href="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith('https://atelier.exemple.fr/')).toBe(true);
  });
});
