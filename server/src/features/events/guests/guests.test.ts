import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/app';
import { createEvent } from '../../../test/factories/events';
import { createPerson } from '../../../test/factories/people';
import { createSpace } from '../../../test/factories/spaces';
import { PASSWORD, request } from '../../../test/http';
import { GUEST_MAILS_PER_HOUR } from './guests.service';

/** Registering without an account: a name, an address, the mailed link; seats like anyone's. */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

let counter = 0;
const address = () => `invitee-${Date.now()}-${++counter}@exemple.fr`;

const ask = (eventId: string, body: Record<string, unknown>) =>
  request(ctx, null, 'POST', `/api/events/${eventId}/guest-registrations`, body);
const confirm = (token: string) => request(ctx, null, 'POST', '/api/guest-registrations/confirm', { token });

/** The mails queued for an address, newest last. */
const mailsTo = (email: string) =>
  ctx.database.db
    .selectFrom('mail_outbox')
    .select(['subject', 'text_body as text'])
    .where('to_address', '=', email)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

/** The token of the last confirmation link mailed to the address. */
async function mailedToken(email: string): Promise<string> {
  const mails = await mailsTo(email);
  const match = /\/inscriptions\/confirmer\?token=([^\s)>"]+)/.exec(mails.at(-1)?.text ?? '');
  if (!match?.[1]) throw new Error(`no confirmation link mailed to ${email}`);
  return decodeURIComponent(match[1]);
}

describe('guest registration', () => {
  it('mails a link; once followed, the guest holds a seat with the visio link in the mail, not on the page', async () => {
    const event = await createEvent(ctx.database.db, { capacity: 1, videoUrl: 'https://visio.exemple.fr/ouvert' });
    const email = address();
    const asked = await ask(event.id, { email, displayName: 'Gaëlle Invitée' });
    expect([asked.statusCode, asked.json()]).toEqual([202, { status: 'sent' }]);
    // Nothing is held before the link is followed.
    expect((await request(ctx, null, 'GET', `/api/events/${event.id}`)).json().event.registeredCount).toBe(0);

    const token = await mailedToken(email);
    const confirmed = await confirm(token);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().registration).toEqual({ status: 'registered' });
    expect(confirmed.json().event.registeredCount).toBe(1);
    expect(confirmed.body).not.toContain('visio.exemple.fr');
    const mails = await mailsTo(email);
    expect(mails.at(-1)?.subject).toMatch(/^Inscription confirmée/);
    expect(mails.at(-1)?.text).toContain('https://visio.exemple.fr/ouvert');
    expect(mails.at(-1)?.text).toContain('/inscriptions/annuler?token=');

    // The link works once.
    const again = await confirm(token);
    expect([again.statusCode, again.json().error.code]).toEqual([400, 'invalid_token']);

    // The next guest waits, and gets no visio link.
    const second = address();
    await ask(event.id, { email: second, displayName: 'Hugo Attend' });
    const waiting = await confirm(await mailedToken(second));
    expect(waiting.json().registration).toEqual({ status: 'waitlisted', position: 1 });
    expect((await mailsTo(second)).at(-1)?.text).not.toContain('visio.exemple.fr');
  });

  it('keeps one place per address, and never signs a guest in', async () => {
    const event = await createEvent(ctx.database.db, { capacity: null });
    const email = address();
    await ask(event.id, { email, displayName: 'Iris Deux Fois' });
    await ask(event.id, { email, displayName: 'Iris Deux Fois' });
    const tokens = (await mailsTo(email)).map((mail) => /token=([^\s)>"]+)/.exec(mail.text)?.[1] ?? '');
    expect(tokens).toHaveLength(2);
    for (const token of tokens) expect((await confirm(decodeURIComponent(token))).statusCode).toBe(200);
    expect((await request(ctx, null, 'GET', `/api/events/${event.id}`)).json().event.registeredCount).toBe(1);

    // A guest is no account: no password sign-in, no mailed sign-in link.
    const login = await request(ctx, null, 'POST', '/api/auth/login', { email, password: PASSWORD });
    expect(login.statusCode).toBe(401);
    const before = (await mailsTo(email)).length;
    expect((await request(ctx, null, 'POST', '/api/auth/mail-link', { email })).statusCode).toBe(202);
    const jobStates = async () =>
      (
        await sql<{ state: string }>`
          select state from pgboss.job where name = 'accounts.sign-in-link' and data->>'email' = ${email}`.execute(
          ctx.database.db,
        )
      ).rows.map((row) => row.state);
    await expect
      .poll(jobStates)
      .toSatisfy((all: string[]) => all.length > 0 && all.every((state) => state === 'completed'));
    expect((await mailsTo(email)).length).toBe(before);
  });

  it('gives the guest’s seats to the account later made with that address', async () => {
    const event = await createEvent(ctx.database.db, { capacity: null });
    const email = address();
    await ask(event.id, { email, displayName: 'Jade Future Membre' });
    await confirm(await mailedToken(email));

    const signUp = await request(ctx, null, 'POST', '/api/auth/register', {
      email: email.toUpperCase(),
      password: PASSWORD,
      displayName: 'Jade Membre',
      acceptCharter: true,
    });
    expect(signUp.statusCode, signUp.body).toBe(201);
    const cookie = signUp.headers['set-cookie'];
    const detail = await ctx.app.inject({
      method: 'GET',
      url: `/api/events/${event.id}`,
      headers: { cookie: Array.isArray(cookie) ? cookie.join('; ') : (cookie ?? '') },
    });
    expect(detail.json().myRegistration).toEqual({ status: 'registered' });
    const rows = await ctx.database.db
      .selectFrom('users')
      .select(['display_name', 'is_guest'])
      .where('email', '=', email)
      .execute();
    expect(rows).toEqual([{ display_name: 'Jade Membre', is_guest: false }]);
  });

  it('mails an address that has an account the way to sign in, with the same answer', async () => {
    const event = await createEvent(ctx.database.db, { capacity: null });
    const member = await createPerson(ctx);
    const asked = await ask(event.id, { email: member.email, displayName: 'Quelqu’un' });
    expect([asked.statusCode, asked.json()]).toEqual([202, { status: 'sent' }]);
    const mail = (await mailsTo(member.email)).at(-1);
    expect(mail?.text).toContain('connectez-vous');
    expect(mail?.text).not.toContain('/inscriptions/confirmer');
  });

  it('caps the mails an address receives, whoever asks', async () => {
    const event = await createEvent(ctx.database.db, { capacity: null });
    const email = address();
    for (let i = 0; i < GUEST_MAILS_PER_HOUR + 2; i++) {
      expect((await ask(event.id, { email, displayName: `Essai ${i}` })).statusCode).toBe(202);
    }
    expect(await mailsTo(email)).toHaveLength(GUEST_MAILS_PER_HOUR);
  });

  it('asks the event’s questions, and refuses what the event does not take', async () => {
    const db = ctx.database.db;
    const asking = await createEvent(db, { registrationQuestions: [{ key: 'meal', required: true }] });
    const email = address();
    const missing = await ask(asking.id, { email, displayName: 'Kim' });
    expect([missing.statusCode, missing.json().error.details]).toEqual([400, { 'body.answers.meal': ['required'] }]);
    await ask(asking.id, { email, displayName: 'Kim', answers: { meal: 'vegan' } });
    await confirm(await mailedToken(email));
    const answers = await db
      .selectFrom('registrations')
      .innerJoin('users', 'users.id', 'registrations.user_id')
      .select('registrations.answers')
      .where('registrations.event_id', '=', asking.id)
      .where('users.email', '=', email)
      .executeTakeFirstOrThrow();
    expect(answers.answers).toEqual({ meal: 'vegan' });

    for (const body of [
      { email: 'pas-une-adresse', displayName: 'X' },
      { email: address(), displayName: '' },
      { email: address(), displayName: 'x'.repeat(81) },
      { email: address(), displayName: '<script>alert(1)</script>', extra: true },
    ]) {
      expect((await ask(asking.id, body)).statusCode).toBe(400);
    }
    const closed = await createEvent(db, { startsInHours: -1 });
    const late = await ask(closed.id, { email: address(), displayName: 'Tard' });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'registration_closed']);
    const cancelled = await createEvent(db, { cancelled: true });
    expect((await ask(cancelled.id, { email: address(), displayName: 'Annulé' })).json().error.code).toBe(
      'event_cancelled',
    );
    const space = await createSpace(db, { visibility: 'public', joinPolicy: 'open' });
    const members = await createEvent(db, { spaceId: space.id });
    expect((await ask(members.id, { email: address(), displayName: 'Non' })).statusCode).toBe(403);
    for (const token of ['jeton-inconnu-abcdefgh', 'x'.repeat(300)]) {
      expect((await confirm(token)).statusCode).toBe(400);
    }
  });

  it('gives one seat when the same link is followed twice at once', async () => {
    const event = await createEvent(ctx.database.db, { capacity: 5 });
    const email = address();
    await ask(event.id, { email, displayName: 'Léo Double Clic' });
    const token = await mailedToken(email);
    const answers = await Promise.all([confirm(token), confirm(token)]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 400]);
    expect((await request(ctx, null, 'GET', `/api/events/${event.id}`)).json().event.registeredCount).toBe(1);
  });
});
