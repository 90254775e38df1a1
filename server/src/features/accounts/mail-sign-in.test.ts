import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { as, PASSWORD, sessionCookie, signUp, uniqueEmail } from '../../test/http';
import { MAX_LIVE_LINKS } from './accounts.service';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url, payload: payload as object, headers });
const me = (cookie: string) => ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

/** The newest mail sent to an address, straight from the outbox. */
async function lastMailTo(email: string) {
  const row = await ctx.database.db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('to_address', '=', email)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const link = row.text_body.match(/https?:\/\/\S+[?&]token=([A-Za-z0-9_%-]+)/);
  const code = row.text_body.match(/\b(\d{6})\b/);
  return { ...row, token: link ? decodeURIComponent(link[1]!) : undefined, code: code?.[1] };
}
const mailCount = async (email: string) =>
  (await ctx.database.db.selectFrom('mail_outbox').select('id').where('to_address', '=', email).execute()).length;

type MailRoute = '/api/auth/mail-link' | '/api/auth/password-reset';
const JOBS = { '/api/auth/mail-link': 'accounts.sign-in-link', '/api/auth/password-reset': 'accounts.password-reset' };

/** Asks for a sign-in or reset mail and waits for it: it leaves from a background job. */
async function ask(url: MailRoute, email: string, inbox = email) {
  const before = await mailCount(inbox);
  const response = await post(url, { email });
  expect(response.statusCode).toBe(202);
  expect(response.json()).toEqual({ ok: true });
  await expect.poll(() => mailCount(inbox), { message: `a mail to ${inbox}` }).toBeGreaterThan(before);
  return lastMailTo(inbox);
}

/** Waits until every job queued by `url` for this address has run. */
async function jobsDone(url: MailRoute, email: string) {
  const states = async () =>
    (
      await sql<{ state: string }>`
        select state from pgboss.job where name = ${JOBS[url]} and data->>'email' = ${email}`.execute(ctx.database.db)
    ).rows.map((row) => row.state);
  await expect
    .poll(states, { message: `the ${JOBS[url]} jobs for ${email}` })
    .toSatisfy((all: string[]) => all.length > 0 && all.every((state) => state === 'completed'));
}

describe('sign-in by mail', () => {
  it('mails a link that signs in once, and only once', async () => {
    const { email } = await signUp(ctx.app);
    const mail = await ask('/api/auth/mail-link', email.toUpperCase(), email);
    expect(mail.subject).toContain('connexion');
    expect(mail.text_body).toContain('/connexion/lien?token=');
    expect(mail.token).toBeDefined();

    const verified = await post('/api/auth/mail-link/verify', { token: mail.token });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().user.email).toBe(email);
    expect((await me(sessionCookie(verified))).statusCode).toBe(200);

    const again = await post('/api/auth/mail-link/verify', { token: mail.token });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_token');
  });

  it('lets two simultaneous clicks on one link open a single session', async () => {
    const { email, userId } = await signUp(ctx.app);
    const { token } = await ask('/api/auth/mail-link', email);
    const before = await ctx.database.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
    const answers = await Promise.all([1, 2, 3].map(() => post('/api/auth/mail-link/verify', { token })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400, 400]);
    const after = await ctx.database.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
    expect(after.length).toBe(before.length + 1);
  });

  it('accepts the 6-digit code with the email, and kills it after five wrong tries', async () => {
    const { email } = await signUp(ctx.app);
    const { code } = await ask('/api/auth/mail-link', email);
    expect(code).toMatch(/^\d{6}$/);
    const ok = await post('/api/auth/mail-link/verify', { email, code });
    expect(ok.statusCode).toBe(200);

    const second = await ask('/api/auth/mail-link', email);
    const wrong = second.code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      expect((await post('/api/auth/mail-link/verify', { email, code: wrong })).statusCode).toBe(400);
    }
    const tooLate = await post('/api/auth/mail-link/verify', { email, code: second.code });
    expect(tooLate.statusCode).toBe(400);
  });

  it('answers the same for an unknown email and sends nothing', async () => {
    const email = uniqueEmail('inconnu');
    const response = await post('/api/auth/mail-link', { email });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ ok: true });
    await jobsDone('/api/auth/mail-link', email);
    expect(await mailCount(email)).toBe(0);
  });

  it('mails at most MAX_LIVE_LINKS live links to one inbox, still answering 202, and each of them works', async () => {
    const { email } = await signUp(ctx.app);
    for (let i = 0; i < MAX_LIVE_LINKS + 3; i++) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/mail-link',
        payload: { email },
        remoteAddress: `203.0.113.${i + 1}`,
      });
      expect(response.statusCode).toBe(202);
      expect(response.json()).toEqual({ ok: true });
    }
    await jobsDone('/api/auth/mail-link', email);
    const mails = await ctx.database.db
      .selectFrom('mail_outbox')
      .select('text_body')
      .where('to_address', '=', email)
      .orderBy('created_at')
      .execute();
    expect(mails).toHaveLength(MAX_LIVE_LINKS);

    // The earliest link of the inbox still signs in; once used, the next request mails again.
    const first = decodeURIComponent(mails[0]!.text_body.match(/[?&]token=([A-Za-z0-9_%-]+)/)![1]!);
    expect((await post('/api/auth/mail-link/verify', { token: first })).statusCode).toBe(200);
    const fresh = await ask('/api/auth/mail-link', email);
    expect((await post('/api/auth/mail-link/verify', { email, code: fresh.code })).statusCode).toBe(200);
  });

  it('refuses expired links', async () => {
    const { email, userId } = await signUp(ctx.app);
    const { token } = await ask('/api/auth/mail-link', email);
    await ctx.database.db
      .updateTable('auth_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', userId)
      .execute();
    expect((await post('/api/auth/mail-link/verify', { token })).statusCode).toBe(400);
  });
});

describe('password reset and change', () => {
  it('resets the password by mail and signs out every other session', async () => {
    const client = await signUp(ctx.app);
    const { token, text_body } = await ask('/api/auth/password-reset', client.email);
    expect(text_body).toContain('/mot-de-passe/nouveau?token=');

    const reset = await post('/api/auth/password-reset/confirm', { token, password: 'nouveau-mot-de-passe-42' });
    expect(reset.statusCode).toBe(200);
    expect((await me(client.cookie)).statusCode).toBe(401);
    expect((await me(sessionCookie(reset))).statusCode).toBe(200);

    expect((await post('/api/auth/login', { email: client.email, password: PASSWORD })).statusCode).toBe(401);
    expect(
      (await post('/api/auth/login', { email: client.email, password: 'nouveau-mot-de-passe-42' })).statusCode,
    ).toBe(200);
    const reuse = await post('/api/auth/password-reset/confirm', { token, password: 'encore-un-autre-42' });
    expect(reuse.json().error.code).toBe('invalid_token');
  });

  it('caps reset mails per inbox too, and a reset link from the inbox still works', async () => {
    const client = await signUp(ctx.app);
    for (let i = 0; i < MAX_LIVE_LINKS + 2; i++) {
      expect((await post('/api/auth/password-reset', { email: client.email })).statusCode).toBe(202);
    }
    await jobsDone('/api/auth/password-reset', client.email);
    expect(await mailCount(client.email)).toBe(MAX_LIVE_LINKS);
    const { token } = await lastMailTo(client.email);
    const reset = await post('/api/auth/password-reset/confirm', { token, password: 'encore-un-mot-de-passe' });
    expect(reset.statusCode).toBe(200);
  });

  it('changes the password after checking the current one, keeping only this session', async () => {
    const client = await signUp(ctx.app);
    const other = await post('/api/auth/login', { email: client.email, password: PASSWORD });
    const otherCookie = sessionCookie(other);

    const wrong = await post(
      '/api/me/password',
      { currentPassword: 'pas-le-bon', newPassword: 'x'.repeat(12) },
      as(client),
    );
    expect(wrong.statusCode).toBe(401);
    expect((await me(otherCookie)).statusCode).toBe(200);

    const changed = await post(
      '/api/me/password',
      { currentPassword: PASSWORD, newPassword: 'un-mot-de-passe-neuf' },
      as(client),
    );
    expect(changed.statusCode).toBe(200);
    expect((await me(otherCookie)).statusCode).toBe(401);
    expect((await me(client.cookie)).statusCode).toBe(401);
    expect((await me(sessionCookie(changed))).statusCode).toBe(200);
  });
});
