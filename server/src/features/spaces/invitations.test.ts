import { InvitationAcceptResponseSchema, InvitationPreviewSchema } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace, snapshotSpace } from '../../test/factories/spaces';
import { sessionCookie } from '../../test/http';
import { mailsTo } from '../../test/outbox';

let ctx: TestContext;
const db = () => ctx.database.db;
const call = (method: 'GET' | 'POST', url: string, who?: TestPerson, payload?: object) =>
  ctx.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  ctx = await createTestApp({ PUBLIC_URL: 'https://atelier.exemple.fr' });
});
afterAll(() => ctx.close());

/** Invites `email` and returns the token read from the mailed link. */
async function invite(slug: string, by: TestPerson, email: string, role?: 'animateur' | 'membre') {
  const response = await call('POST', `/api/spaces/${slug}/invitations`, by, { email, ...(role ? { role } : {}) });
  expect(response.statusCode).toBe(201);
  const mails = await mailsTo(db(), email.toLowerCase());
  const link = mails.at(-1)?.text_body.match(/https:\/\/atelier\.exemple\.fr\/invitation\?token=([\w-]+)/);
  if (!link?.[1]) throw new Error('no invitation link in the mail');
  return link[1];
}

describe('invitations', () => {
  let animateur: TestPerson;
  let space: { id: string; slug: string };
  beforeAll(async () => {
    space = await createSpace(db(), { visibility: 'private', joinPolicy: 'invite', title: 'Cohorte secrète' });
    animateur = await createPerson(ctx, { displayName: 'Alix' });
    await addMembership(db(), space.id, animateur.id, { role: 'animateur' });
  });

  it('mails a link that creates the account, signs in and joins with the invited role', async () => {
    const token = await invite(space.slug, animateur, 'Nouvelle.Personne@Exemple.fr', 'animateur');
    const [mail] = await mailsTo(db(), 'nouvelle.personne@exemple.fr');
    expect(mail?.subject).toBe('Invitation à rejoindre « Cohorte secrète » — Atelier des transitions');
    expect(mail?.text_body).toContain('Alix vous invite à rejoindre');

    const preview = InvitationPreviewSchema.parse((await call('GET', `/api/invitations/${token}`)).json());
    expect(preview.invitation).toMatchObject({
      space: { slug: space.slug, title: 'Cohorte secrète' },
      invitedBy: { id: animateur.id, displayName: 'Alix' },
      email: 'nouvelle.personne@exemple.fr',
      role: 'animateur',
      accountExists: false,
    });

    const incomplete = await call('POST', `/api/invitations/${token}/accept`, undefined, { displayName: 'Noa' });
    expect(incomplete.statusCode).toBe(400);
    expect(Object.keys(incomplete.json().error.details)).toEqual(['body.password', 'body.acceptCharter']);

    const accepted = await call('POST', `/api/invitations/${token}/accept`, undefined, {
      displayName: 'Noa',
      password: 'transition-2030!',
      acceptCharter: true,
    });
    expect(accepted.statusCode).toBe(200);
    const body = InvitationAcceptResponseSchema.parse(accepted.json());
    expect(body.membership).toEqual({ status: 'active', role: 'animateur' });
    expect(body.session?.user).toMatchObject({ email: 'nouvelle.personne@exemple.fr', displayName: 'Noa' });
    expect(body.session?.user.charter).not.toBeNull();

    const headers = { cookie: sessionCookie(accepted), 'x-csrf-token': body.session!.csrfToken };
    const page = await ctx.app.inject({ method: 'GET', url: `/api/spaces/${space.slug}`, headers });
    expect(page.json().membership).toEqual({ status: 'active', role: 'animateur' });

    const reused = await call('POST', `/api/invitations/${token}/accept`, undefined, {});
    expect([reused.statusCode, reused.json().error.code]).toEqual([400, 'invalid_token']);
    expect((await call('GET', `/api/invitations/${token}`)).statusCode).toBe(400);
  });

  it('asks an existing account to sign in, refuses another account, and accepts as the invited person', async () => {
    const invited = await createPerson(ctx, { locale: 'en' });
    const other = await createPerson(ctx);
    await addMembership(db(), space.id, invited.id, { status: 'pending' });
    const token = await invite(space.slug, animateur, invited.email);
    expect((await mailsTo(db(), invited.email))[0]?.subject).toBe(
      'Invitation to join “Cohorte secrète” — Atelier des transitions',
    );
    const preview = await call('GET', `/api/invitations/${token}`);
    expect(preview.json().invitation.accountExists).toBe(true);
    const before = await snapshotSpace(db(), space.id);

    const anonymous = await call('POST', `/api/invitations/${token}/accept`, undefined, {
      displayName: 'Intrus',
      password: 'transition-2030!',
      acceptCharter: true,
    });
    expect([anonymous.statusCode, anonymous.json().error.code]).toEqual([401, 'unauthenticated']);
    const wrong = await call('POST', `/api/invitations/${token}/accept`, other);
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([403, 'forbidden']);
    expect(await snapshotSpace(db(), space.id)).toEqual(before);

    const accepted = await call('POST', `/api/invitations/${token}/accept`, invited);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ membership: { status: 'active', role: 'membre' }, session: null });
  });

  it('refuses to invite a member twice, and only the newest link of a person works', async () => {
    const member = await createPerson(ctx);
    await addMembership(db(), space.id, member.id);
    const again = await call('POST', `/api/spaces/${space.slug}/invitations`, animateur, { email: member.email });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'already_member']);

    const older = await invite(space.slug, animateur, 'deux.fois@exemple.fr');
    const newer = await invite(space.slug, animateur, 'deux.fois@exemple.fr');
    expect((await call('GET', `/api/invitations/${older}`)).json().error.code).toBe('invalid_token');
    expect((await call('GET', `/api/invitations/${newer}`)).statusCode).toBe(200);
  });

  it('rejects expired, unknown and malformed tokens with 400 invalid_token or invalid_input', async () => {
    const token = await invite(space.slug, animateur, 'en.retard@exemple.fr');
    await db()
      .updateTable('space_invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const expired = await call('POST', `/api/invitations/${token}/accept`, undefined, {
      displayName: 'Tardif',
      password: 'transition-2030!',
      acceptCharter: true,
    });
    expect([expired.statusCode, expired.json().error.code]).toEqual([400, 'invalid_token']);
    expect(await db().selectFrom('users').select('id').where('email', '=', 'en.retard@exemple.fr').execute()).toEqual(
      [],
    );
    const unknown = await call('GET', `/api/invitations/${'a'.repeat(43)}`);
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'invalid_token']);
    for (const garbage of ["x'%20or%201=1--", '%F0%9F%98%80'.repeat(10), 'short']) {
      const response = await call('GET', `/api/invitations/${garbage}`);
      expect(response.statusCode).toBe(400);
    }
  });

  it('refuses invitations in archived spaces', async () => {
    const archived = await createSpace(db(), { visibility: 'members', joinPolicy: 'invite', status: 'archived' });
    const admin = await createPerson(ctx, { role: 'admin' });
    const response = await call('POST', `/api/spaces/${archived.slug}/invitations`, admin, { email: 'x@exemple.fr' });
    expect([response.statusCode, response.json().error.code]).toEqual([409, 'space_archived']);
  });
});
