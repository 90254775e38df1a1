import { createServer } from 'node:net';
import type { RealtimeEnvelope } from '@atelier/contract';
import { rooms } from '@atelier/contract';
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMail } from '../../core/mail';
import type { TestContext } from '../../test/app';
import { createPost, createThread, notificationsSettled } from '../../test/factories/discussions';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { createJobsTestApp } from '../../test/jobs';
import { connect, request as emit, listen, type TestSocket } from '../../test/sockets';
import { createDiscussionsMailer } from '../discussions/discussions.mail';
import { hashReplyToken, issueReplyAddress, tokenOfAddress } from './reply-address';

/**
 * Reply by mail end to end: the app listens for SMTP on a free port, mails are sent to it by
 * nodemailer as any mail server would, and what they become is read from the database, the
 * outbox and a live socket.
 */

const DOMAIN = 'reponses.atelier.test';
const DAY_MS = 24 * 60 * 60 * 1000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The answer Gmail writes in French: the text, a signature, then the quoted mail. */
const gmailAnswer = (lines: string[]) =>
  [
    ...lines,
    '',
    '-- ',
    'Alice Durand',
    'Mairie de Die',
    '',
    'Le mar. 1 déc. 2026 à 12:30, Atelier des transitions <atelier@localhost> a écrit :',
    '> Bonjour Alice,',
    '> Bob Martin vous a répondu dans « Préparer la permanence »',
  ].join('\n');

describe('reply by mail', () => {
  let ctx: TestContext;
  let smtp: Transporter;
  let socket: TestSocket | undefined;
  let alice: TestPerson;
  let bob: TestPerson;
  let space: { id: string; slug: string };
  let threadId: string;
  let firstPostId: string;
  let bobPostId: string;

  beforeAll(async () => {
    const port = await freePort();
    ctx = await createJobsTestApp({ env: { INBOUND_SMTP_PORT: String(port), INBOUND_DOMAIN: DOMAIN } });
    smtp = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    const db = ctx.database.db;
    alice = await createPerson(ctx, { displayName: 'Alice Durand' });
    bob = await createPerson(ctx, { displayName: 'Bob Martin' });
    space = await createSpace(db, { visibility: 'members', joinPolicy: 'request' });
    await addMembership(db, space.id, alice.id, { role: 'animateur' });
    await addMembership(db, space.id, bob.id);
    const created = await createThread(ctx, alice, space.slug, { title: 'Préparer la permanence' });
    threadId = created.thread.id;
    firstPostId = created.post.id;
    bobPostId = (await createPost(ctx, bob, threadId, '<p>Qui anime ?</p>', { replyToId: firstPostId })).id;
  });
  afterAll(async () => {
    socket?.close();
    smtp?.close();
    await ctx?.close();
  });

  const db = () => ctx.database.db;
  const postsOf = () =>
    db()
      .selectFrom('posts')
      .select(['id', 'number', 'author_id', 'body', 'reply_to_id'])
      .where('thread_id', '=', threadId)
      .orderBy('number')
      .execute();
  const mailsTo = (address: string) =>
    db()
      .selectFrom('mail_outbox')
      .select(['subject', 'text_body', 'headers'])
      .where('to_address', '=', address)
      .orderBy('created_at')
      .execute();
  /** A fresh reply address of `person` for the thread, as a mail about Bob's post would carry. */
  const addressFor = (person: TestPerson, now?: Date) =>
    issueReplyAddress(db(), DOMAIN, { userId: person.id, threadId, postId: bobPostId }, now);

  /** Waits until no reply-by-mail job is left to run. */
  const repliesSettled = () =>
    expect
      .poll(
        async () => {
          const { rows } = await sql<{ count: string | number }>`select count(*) from pgboss.job
            where name = 'reply-by-mail.process' and state <> 'completed'`.execute(db());
          return Number(rows[0]?.count);
        },
        { timeout: 15_000 },
      )
      .toBe(0);

  /** What became of the message sent to `address`, once its job has decided. */
  async function decisionFor(address: string) {
    const token = tokenOfAddress(address, DOMAIN);
    if (!token) throw new Error(`not a reply address: ${address}`);
    let row: { status: string; outcome: string | null; post_id: string | null } | undefined;
    await expect
      .poll(
        async () => {
          row = await db()
            .selectFrom('inbound_replies')
            .select(['status', 'outcome', 'post_id'])
            .where('token_hash', '=', hashReplyToken(token))
            .orderBy('received_at', 'desc')
            .executeTakeFirst();
          return row?.status;
        },
        { timeout: 15_000 },
      )
      .not.toMatch(/^received$|^$/);
    if (!row) throw new Error('no message recorded');
    return row;
  }

  it('gives mails about one thread a Reply-To, and posts the answer as its author, live', async () => {
    await notificationsSettled(ctx);
    const [mail] = await mailsTo(alice.email);
    const replyTo = mail?.headers?.['Reply-To'] ?? '';
    expect(replyTo).toMatch(new RegExp(`^reply\\+[a-z2-7]{26}@${DOMAIN.replace(/\./g, '\\.')}$`));
    expect(replyTo.split('@')[0]?.length).toBeLessThanOrEqual(64);
    expect(mail?.text_body).toContain('Vous pouvez répondre à ce courriel');

    socket = await connect(await listen(ctx), { cookie: bob.headers.cookie ?? '' });
    const live = new Promise<RealtimeEnvelope>((resolve) => {
      socket?.on('event', (event) => {
        if (event.type === 'post.created') resolve(event);
      });
    });
    expect(await emit(socket, 'subscribe', { room: rooms.thread(threadId) })).toMatchObject({ ok: true });

    await smtp.sendMail({
      // The address as the person's provider writes it: case differs, it is still theirs.
      from: `Alice Durand <${alice.email.toUpperCase()}>`,
      to: replyTo,
      subject: 'Re: Bob Martin vous a répondu dans « Préparer la permanence »',
      messageId: '<answer-1@mail.exemple.fr>',
      text: gmailAnswer([
        'Merci, je prends la permanence de janvier.',
        '',
        '@Bob Martin, tu prépares l’ordre du jour ?',
      ]),
    });

    const decision = await decisionFor(replyTo);
    expect(decision).toMatchObject({ status: 'posted', outcome: null });
    const posts = await postsOf();
    expect(posts).toHaveLength(3);
    expect(posts[2]).toEqual({
      id: decision.post_id,
      number: 3,
      author_id: alice.id,
      body: '<p>Merci, je prends la permanence de janvier.</p><p>@Bob Martin, tu prépares l’ordre du jour ?</p>',
      reply_to_id: bobPostId,
    });
    const event = await live;
    expect(event.data).toMatchObject({ post: { id: decision.post_id, author: { id: alice.id } } });

    // Like any post: Bob is told of the mention.
    await notificationsSettled(ctx);
    const notified = await db()
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', bob.id)
      .where('post_id', '=', decision.post_id)
      .execute();
    expect(notified.map((row) => row.kind)).toContain('mention');
  });

  it('gives no Reply-To to a mail about posts of several threads', async () => {
    const other = await createThread(ctx, bob, space.slug, { title: 'Autre sujet' });
    const sent: OutgoingMail[] = [];
    const mailer = createDiscussionsMailer(
      {
        send: async (_db, mail) => {
          sent.push(mail);
          return { outboxId: 'x' };
        },
      },
      { publicUrl: 'http://localhost', groupSeconds: 0, replyDomain: DOMAIN },
    );
    const item = (thread: { id: string; title: string }, postId: string) => ({
      authorName: 'Bob Martin',
      space: { id: space.id, slug: space.slug, title: 'Espace' },
      thread,
      postId,
      excerpt: 'Qui anime ?',
    });
    const to = { id: alice.id, email: alice.email, displayName: 'Alice Durand', locale: 'fr' as const };
    const here = { id: threadId, title: 'Préparer la permanence' };
    await mailer.sendPosts(db(), { to, reason: 'mention', items: [item(here, firstPostId), item(here, bobPostId)] });
    await mailer.sendPosts(db(), {
      to,
      reason: 'mention',
      items: [item(here, bobPostId), item({ id: other.thread.id, title: 'Autre sujet' }, other.post.id)],
    });
    // One thread: the answer replies to its latest post. Two threads: nowhere to post it.
    const [one, two] = sent;
    const token = tokenOfAddress(one?.headers?.['Reply-To'] ?? '', DOMAIN) ?? '';
    const named = await db()
      .selectFrom('reply_addresses')
      .select(['user_id', 'thread_id', 'post_id'])
      .where('token_hash', '=', hashReplyToken(token))
      .executeTakeFirst();
    expect(named).toEqual({ user_id: alice.id, thread_id: threadId, post_id: bobPostId });
    expect(two?.headers).not.toHaveProperty('Reply-To');
    expect(two?.text).not.toContain('Vous pouvez répondre à ce courriel');
    expect(two?.headers).toHaveProperty('List-Unsubscribe');
  });

  it('posts the same message once, however often it arrives', async () => {
    const address = await addressFor(alice);
    const message = {
      from: alice.email,
      to: address,
      subject: 'Re: la permanence',
      messageId: '<answer-2@mail.exemple.fr>',
      text: gmailAnswer(['Je viendrai.']),
    };
    await smtp.sendMail(message);
    expect(await decisionFor(address)).toMatchObject({ status: 'posted' });
    const before = await postsOf();

    // The SMTP answer comes once the message is stored: by then a copy has been recognised.
    await smtp.sendMail(message);
    await repliesSettled();
    await notificationsSettled(ctx);
    const token = tokenOfAddress(address, DOMAIN) ?? '';
    const received = await db()
      .selectFrom('inbound_replies')
      .select('status')
      .where('token_hash', '=', hashReplyToken(token))
      .execute();
    expect(received).toEqual([{ status: 'posted' }]);
    expect(await postsOf()).toEqual(before);
    expect(before.filter((post) => post.body === '<p>Je viendrai.</p>')).toHaveLength(1);
  });

  it('drops a forged address or a sender who is not the person, without answering anyone', async () => {
    const forged = `reply+${'a'.repeat(26)}@${DOMAIN}`;
    const address = await addressFor(alice);
    const before = await postsOf();
    const mailsBefore = (await mailsTo(alice.email)).length;

    await smtp.sendMail({ from: alice.email, to: forged, subject: 'Re', text: 'Bonjour' });
    await smtp.sendMail({ from: 'intrus@exemple.fr', to: address, subject: 'Re', text: 'Je suis Alice.' });

    expect(await decisionFor(forged)).toMatchObject({ status: 'dropped', outcome: 'unknown_address' });
    expect(await decisionFor(address)).toMatchObject({ status: 'dropped', outcome: 'sender_mismatch' });
    expect(await postsOf()).toEqual(before);
    expect(await mailsTo('intrus@exemple.fr')).toEqual([]);
    expect(await mailsTo(alice.email)).toHaveLength(mailsBefore);
  });

  it('refuses an expired address and tells the person why, in a transactional mail', async () => {
    const address = await addressFor(alice, new Date(Date.now() - 31 * DAY_MS));
    const before = await postsOf();
    const mailsBefore = (await mailsTo(alice.email)).length;

    await smtp.sendMail({ from: alice.email, to: address, subject: 'Re', text: gmailAnswer(['Trop tard ?']) });

    expect(await decisionFor(address)).toMatchObject({ status: 'refused', outcome: 'expired' });
    expect(await postsOf()).toEqual(before);
    const mails = (await mailsTo(alice.email)).slice(mailsBefore);
    expect(mails.map((mail) => mail.subject)).toEqual(['Votre réponse n’a pas pu être publiée']);
    expect(mails[0]?.text_body).toContain('n’a pas pu être publiée : l’adresse de réponse de ce courriel a expiré');
    expect(mails[0]?.text_body).toContain('Trop tard ?');
    expect(mails[0]?.headers).toBeNull();
  });

  it('refuses an answer from someone who left the space, in their language', async () => {
    const carol = await createPerson(ctx, { locale: 'en', displayName: 'Carol' });
    await addMembership(db(), space.id, carol.id);
    const address = await addressFor(carol);
    expect((await request(ctx, carol, 'DELETE', `/api/spaces/${space.slug}/membership`)).statusCode).toBe(204);
    const before = await postsOf();

    await smtp.sendMail({ from: carol.email, to: address, subject: 'Re', text: 'Still here?' });

    expect(await decisionFor(address)).toMatchObject({ status: 'refused', outcome: 'not_allowed' });
    expect(await postsOf()).toEqual(before);
    const [mail] = await mailsTo(carol.email);
    expect(mail?.subject).toBe('Your reply could not be posted');
    expect(mail?.text_body).toContain('you may no longer post in this discussion');
  });

  it('refuses an answer to a locked thread', async () => {
    const address = await addressFor(bob);
    const lock = await request(ctx, alice, 'PATCH', `/api/threads/${threadId}`, { locked: true });
    expect(lock.statusCode).toBe(200);
    const before = await postsOf();
    try {
      await smtp.sendMail({ from: bob.email, to: address, subject: 'Re', text: 'Encore un mot.' });
      expect(await decisionFor(address)).toMatchObject({ status: 'refused', outcome: 'locked' });
      expect(await postsOf()).toEqual(before);
      expect((await mailsTo(bob.email)).at(-1)?.text_body).toContain('la discussion est verrouillée');
    } finally {
      await request(ctx, alice, 'PATCH', `/api/threads/${threadId}`, { locked: false });
    }
  });

  it('refuses an answer with nothing but history and signature, and an HTML script', async () => {
    const empty = await addressFor(alice);
    const script = await addressFor(alice);
    const before = await postsOf();

    await smtp.sendMail({ from: alice.email, to: empty, subject: 'Re', text: gmailAnswer([]) });
    await smtp.sendMail({
      from: alice.email,
      to: script,
      subject: 'Re',
      html: '<script>alert("pris")</script><div class="gmail_quote">Le mar. 1 déc. 2026 à 12:30, Atelier a écrit :<blockquote>Bonjour</blockquote></div>',
    });

    expect(await decisionFor(empty)).toMatchObject({ status: 'refused', outcome: 'empty' });
    expect(await decisionFor(script)).toMatchObject({ status: 'refused', outcome: 'empty' });
    expect(await postsOf()).toEqual(before);
    const refusals = (await mailsTo(alice.email)).slice(-2);
    for (const mail of refusals) expect(mail.text_body).toContain('nous n’y avons trouvé aucun texte');
  });

  it('rejects, at RCPT, any address that is not a reply address of its domain, and oversized mail', async () => {
    const token = 'b'.repeat(26);
    for (const to of [`atelier@${DOMAIN}`, `reply+court@${DOMAIN}`, `reply+${token}@ailleurs.test`]) {
      await expect(smtp.sendMail({ from: alice.email, to, subject: 'Re', text: 'Bonjour' })).rejects.toMatchObject({
        responseCode: 550,
      });
    }
    const address = await addressFor(alice);
    await expect(
      smtp.sendMail({ from: alice.email, to: address, subject: 'Re', text: 'x'.repeat(1100 * 1024) }),
    ).rejects.toMatchObject({ responseCode: 552 });
    const stored = await db()
      .selectFrom('inbound_replies')
      .select('id')
      .where('token_hash', '=', hashReplyToken(token));
    expect(await stored.execute()).toEqual([]);
  });
});
