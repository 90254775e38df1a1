import type { NotificationSettings } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPost, createThread, notificationsSettled } from '../../test/factories/discussions';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { unsubscribeLinks } from './unsubscribe';

const settingsOf = async (ctx: TestContext, person: TestPerson): Promise<NotificationSettings> => {
  const response = await request(ctx, person, 'GET', '/api/me/notification-settings');
  expect(response.statusCode).toBe(200);
  return response.json();
};

const mailsTo = (ctx: TestContext, address: string) =>
  ctx.database.db
    .selectFrom('mail_outbox')
    .select(['subject', 'text_body', 'headers'])
    .where('to_address', '=', address)
    .orderBy('created_at')
    .execute();

/** The token of the `List-Unsubscribe` header, as a mail client reads it. */
const tokenOf = (headers: Record<string, string> | null) => {
  const match = /\/api\/unsubscribe\/([^>]+)>$/.exec(headers?.['List-Unsubscribe'] ?? '');
  if (!match?.[1]) throw new Error(`no List-Unsubscribe header in ${JSON.stringify(headers)}`);
  return match[1];
};

/** A mail client's one-click unsubscribe (RFC 8058): a form POST, no cookie, no CSRF token. */
const oneClick = (ctx: TestContext, token: string) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/unsubscribe/${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });

describe('notification settings', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('starts from defaults that follow the kind of space and one’s role', async () => {
    const person = await createPerson(ctx);
    const db = ctx.database.db;
    const spaces = {
      communaute: await createSpace(db, { kind: 'communaute', visibility: 'public', joinPolicy: 'open', title: 'A' }),
      cohorte: await createSpace(db, { kind: 'cohorte', visibility: 'members', joinPolicy: 'invite', title: 'B' }),
      animated: await createSpace(db, { kind: 'chantier', visibility: 'public', joinPolicy: 'open', title: 'C' }),
      chantier: await createSpace(db, { kind: 'chantier', visibility: 'public', joinPolicy: 'open', title: 'D' }),
      pending: await createSpace(db, { kind: 'chantier', visibility: 'public', joinPolicy: 'request', title: 'E' }),
    };
    await addMembership(db, spaces.communaute.id, person.id);
    await addMembership(db, spaces.cohorte.id, person.id);
    await addMembership(db, spaces.animated.id, person.id, { role: 'animateur' });
    await addMembership(db, spaces.chantier.id, person.id);
    await addMembership(db, spaces.pending.id, person.id, { status: 'pending' });

    const settings = await settingsOf(ctx, person);
    expect(settings).toMatchObject({ mentions: 'each', replies: 'each', reminders: 'each' });
    expect(settings.spaces.map((space) => [space.title, space.mode])).toEqual([
      ['A', 'weekly'],
      ['B', 'daily'],
      ['C', 'daily'],
      ['D', 'weekly'],
    ]);
  });

  it('keeps what one chooses, and refuses what is not one’s to choose', async () => {
    const person = await createPerson(ctx);
    const mine = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'open', title: 'Mien' });
    const other = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'open' });
    await addMembership(ctx.database.db, mine.id, person.id);

    const put = (url: string, body: object) => request(ctx, person, 'PUT', url, body);
    expect((await put('/api/me/notification-settings', { mentions: 'off' })).statusCode).toBe(200);
    expect((await put(`/api/me/notification-settings/spaces/${mine.slug}`, { mode: 'each' })).json().spaces).toEqual([
      { spaceId: mine.id, slug: mine.slug, title: 'Mien', mode: 'each', newsletter: true },
    ]);
    expect(await settingsOf(ctx, person)).toMatchObject({ mentions: 'off', replies: 'each', reminders: 'each' });

    const notMember = await put(`/api/me/notification-settings/spaces/${other.slug}`, { mode: 'daily' });
    expect(notMember.statusCode).toBe(404);
    expect(notMember.json().error.code).toBe('not_member');
    const unknown = await put('/api/me/notification-settings/spaces/pas-un-espace', { mode: 'daily' });
    expect(unknown.json().error.code).toBe('not_member');
    for (const body of [{ mode: 'hourly' }, { mode: "daily'; drop table users; --" }, {}]) {
      const response = await put(`/api/me/notification-settings/spaces/${mine.slug}`, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
    }
    expect((await put('/api/me/notification-settings', { mentions: 'sometimes' })).statusCode).toBe(400);
    expect((await put('/api/me/notification-settings', { reminders: 'daily' })).statusCode).toBe(400);
    expect((await put('/api/me/notification-settings', { extra: true })).statusCode).toBe(400);
    const stored = await ctx.database.db
      .selectFrom('space_mail_settings')
      .selectAll()
      .where('user_id', '=', person.id)
      .execute();
    expect(stored.map((row) => [row.space_id, row.mode])).toEqual([[mine.id, 'each']]);

    expect((await request(ctx, null, 'GET', '/api/me/notification-settings')).statusCode).toBe(401);
    expect((await request(ctx, null, 'PUT', '/api/me/notification-settings', { mentions: 'off' })).statusCode).toBe(
      401,
    );
  });

  it('event reminders: each by default, off from the settings or a one-click link, back with « Annuler »', async () => {
    const person = await createPerson(ctx);
    const put = (body: object) => request(ctx, person, 'PUT', '/api/me/notification-settings', body);
    expect((await settingsOf(ctx, person)).reminders).toBe('each');

    const off = await put({ reminders: 'off' });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ mentions: 'each', replies: 'each', reminders: 'off' });
    // Another choice leaves it as it is.
    expect((await put({ replies: 'off' })).json()).toMatchObject({ replies: 'off', reminders: 'off' });
    for (const reminders of ['sometimes', 'weekly', null, 1]) {
      const refused = await put({ reminders });
      expect(refused.statusCode, String(reminders)).toBe(400);
      expect(refused.json().error.code).toBe('invalid_input');
    }
    expect((await put({ reminders: 'each' })).json()).toMatchObject({ reminders: 'each' });

    // The link of a reminder mail (the same call writes its headers).
    const links = await unsubscribeLinks(ctx.database.db, ctx.config.publicUrl, person.id, { kind: 'reminders' });
    expect(links.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const token = tokenOf(links.headers);
    expect(links.pageUrl).toBe(`${ctx.config.publicUrl}/desabonnement/${token}`);
    const first = await oneClick(ctx, token);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ list: { kind: 'reminders' }, previous: 'each', current: 'off' });
    expect(await settingsOf(ctx, person)).toMatchObject({ mentions: 'each', replies: 'off', reminders: 'off' });
    expect((await oneClick(ctx, token)).json()).toMatchObject({ previous: 'off', current: 'off' });

    // « Annuler » puts back `each`; a space's modes mean nothing for reminders.
    const daily = await request(ctx, null, 'POST', `/api/unsubscribe/${token}/undo`, { mode: 'daily' });
    expect(daily.statusCode).toBe(400);
    expect(daily.json().error.code).toBe('invalid_input');
    const undo = await request(ctx, null, 'POST', `/api/unsubscribe/${token}/undo`, { mode: 'each' });
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toEqual({ list: { kind: 'reminders' }, previous: 'off', current: 'each' });
    expect((await settingsOf(ctx, person)).reminders).toBe('each');

    // A token for one list never changes another: the reminders' link left mentions and replies alone.
    const stored = await ctx.database.db
      .selectFrom('mail_settings')
      .select(['mentions', 'replies', 'reminders'])
      .where('user_id', '=', person.id)
      .executeTakeFirst();
    expect(stored).toEqual({ mentions: 'each', replies: 'off', reminders: 'each' });
  });
});

describe('mails about posts', () => {
  let ctx: TestContext;
  let space: { id: string; slug: string };
  let author: TestPerson;
  let reader: TestPerson;
  beforeAll(async () => {
    // A window of two seconds: posts written together wait, then leave in one mail.
    ctx = await createTestApp({ MAIL_GROUP_SECONDS: '2' });
    space = await createSpace(ctx.database.db, {
      kind: 'communaute',
      visibility: 'members',
      joinPolicy: 'request',
      title: 'Récits',
    });
    author = await createPerson(ctx, { displayName: 'Alice Autrice' });
    reader = await createPerson(ctx, { displayName: 'Bruno Lecteur' });
    await addMembership(ctx.database.db, space.id, author.id);
    await addMembership(ctx.database.db, space.id, reader.id);
  });
  afterAll(() => ctx.close());

  it('groups five posts written together into one mail, with one-click unsubscribe', async () => {
    expect(
      (await request(ctx, reader, 'PUT', `/api/me/notification-settings/spaces/${space.slug}`, { mode: 'each' }))
        .statusCode,
    ).toBe(200);
    const { thread } = await createThread(ctx, author, space.slug, { title: 'Cinq idées' });
    for (let i = 2; i <= 5; i++) await createPost(ctx, author, thread.id, `<p>Idée ${i}</p>`);
    await notificationsSettled(ctx);

    const mails = await mailsTo(ctx, reader.email);
    expect(mails.map((mail) => mail.subject)).toEqual(['5 nouveaux messages dans « Récits »']);
    const [mail] = mails;
    expect(mail?.text_body).toContain('Idée 5');
    expect(mail?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail?.text_body).toContain('/desabonnement/');

    // The mail client's « Se désabonner »: no session, the space's list is off.
    const token = tokenOf(mail?.headers ?? null);
    const first = await oneClick(ctx, token);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      list: { kind: 'space', space: { slug: space.slug, title: 'Récits' } },
      previous: 'each',
      current: 'off',
    });
    // Again: nothing changes and nothing breaks.
    expect((await oneClick(ctx, token)).json()).toMatchObject({ previous: 'off', current: 'off' });

    await createPost(ctx, author, thread.id, '<p>Une sixième</p>');
    await notificationsSettled(ctx);
    expect(await mailsTo(ctx, reader.email)).toHaveLength(1);

    // The landing page's « Annuler » puts it back.
    const undo = await request(ctx, null, 'POST', `/api/unsubscribe/${token}/undo`, { mode: 'each' });
    expect(undo.json()).toMatchObject({ previous: 'off', current: 'each' });
    expect((await settingsOf(ctx, reader)).spaces[0]?.mode).toBe('each');
  });

  it('refuses a forged or altered token, and changes nothing', async () => {
    await createPost(ctx, author, (await createThread(ctx, author, space.slug)).thread.id, '<p>Encore</p>');
    await notificationsSettled(ctx);
    const token = tokenOf((await mailsTo(ctx, reader.email)).at(-1)?.headers ?? null);
    const [payload, signature] = token.split('.');
    const aliceList = Buffer.from(`${author.id}:space:${space.id}`).toString('base64url');
    for (const forged of [
      'abc',
      `${payload}.${'A'.repeat(signature?.length ?? 43)}`,
      `${aliceList}.${signature}`,
      `${payload}.`,
      "' or 1=1 --",
    ]) {
      const response = await oneClick(ctx, encodeURIComponent(forged));
      expect(response.statusCode, forged).toBe(400);
      expect(response.json().error.code).toBe('invalid_token');
    }
    expect((await request(ctx, null, 'POST', `/api/unsubscribe/${'x'.repeat(400)}`)).statusCode).toBe(400);
    expect((await settingsOf(ctx, reader)).spaces[0]?.mode).toBe('each');
    expect((await settingsOf(ctx, author)).spaces[0]?.mode).toBe('weekly');
  });

  it('mails mentions unless one said no, and nobody who may no longer read the space', async () => {
    const mentioned = await createPerson(ctx, { displayName: 'Chloé Mentionnée' });
    await addMembership(ctx.database.db, space.id, mentioned.id);
    const { thread } = await createThread(ctx, author, space.slug, { title: 'Qui vient ?' });
    await createPost(ctx, author, thread.id, '<p>@Chloé Mentionnée, tu viens ?</p>');
    await notificationsSettled(ctx);
    expect((await mailsTo(ctx, mentioned.email)).map((mail) => mail.subject)).toEqual([
      'Alice Autrice vous a mentionné·e dans « Qui vient ? »',
    ]);

    await request(ctx, mentioned, 'PUT', '/api/me/notification-settings', { mentions: 'off' });
    await createPost(ctx, author, thread.id, '<p>@Chloé Mentionnée, relance</p>');
    await notificationsSettled(ctx);
    expect(await mailsTo(ctx, mentioned.email)).toHaveLength(1);

    // Mentioned, then out of the space before the mail leaves: the mail never goes.
    await request(ctx, mentioned, 'PUT', '/api/me/notification-settings', { mentions: 'each' });
    await createPost(ctx, author, thread.id, '<p>@Chloé Mentionnée, dernière relance</p>');
    await ctx.database.db
      .deleteFrom('memberships')
      .where('space_id', '=', space.id)
      .where('user_id', '=', mentioned.id)
      .execute();
    await notificationsSettled(ctx);
    expect(await mailsTo(ctx, mentioned.email)).toHaveLength(1);
  });
});
