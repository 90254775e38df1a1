import { CHARTER } from '@atelier/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { as, PASSWORD, sessionCookie, signUp, uniqueEmail } from '../../test/http';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url, payload: payload as object, headers });
const me = (cookie: string) => ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

describe('sign-up', () => {
  it('creates the account, records the charter and signs the person in', async () => {
    const email = uniqueEmail();
    const response = await post('/api/auth/register', {
      email: `  ${email.toUpperCase()} `,
      password: PASSWORD,
      displayName: 'Dominique Test',
      acceptCharter: true,
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.user).toMatchObject({ email, displayName: 'Dominique Test', role: 'member', locale: 'fr' });
    expect(body.user.charter.version).toBe(CHARTER.version);
    expect(body.csrfToken).toEqual(expect.any(String));
    const cookie = response.cookies.find((c) => c.name === 'atelier_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

    const stored = await ctx.database.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    expect(stored?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect((await me(sessionCookie(response))).json().user.id).toBe(body.user.id);
  });

  it('refuses a second account with the same email whatever its case', async () => {
    const { email } = await signUp(ctx.app);
    const response = await post('/api/auth/register', {
      email: email.toUpperCase(),
      password: PASSWORD,
      displayName: 'Double',
      acceptCharter: true,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('email_taken');
  });

  it('requires the charter, a long enough password and no unknown fields, naming each field', async () => {
    const response = await post('/api/auth/register', {
      email: 'pas-une-adresse',
      password: 'court',
      displayName: '',
      acceptCharter: false,
      isAdmin: true,
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('invalid_input');
    expect(Object.keys(error.details).sort()).toEqual(
      expect.arrayContaining(['body.email', 'body.password', 'body.displayName', 'body.acceptCharter']),
    );
    expect(JSON.stringify(error.details)).toContain('isAdmin');
  });

  it('keeps hostile and unicode names as plain text, and refuses control characters', async () => {
    const name = "<img src=x onerror=alert(1)> Zoé 🌱 '; drop table users; --";
    const client = await signUp(ctx.app, { displayName: name });
    expect((await me(client.cookie)).json().user.displayName).toBe(name);
    const response = await post('/api/auth/register', {
      email: uniqueEmail(),
      password: PASSWORD,
      displayName: 'Nul\u0000Byte',
      acceptCharter: true,
    });
    expect(response.statusCode).toBe(400);
  });

  it('leaves no half-made account when sign-up fails midway', async () => {
    const email = uniqueEmail('panne');
    const db = ctx.database.db;
    // Break the second write of the sign-up transaction, as a crash between the two would.
    await sql`alter table charter_acceptances rename to charter_acceptances_away`.execute(db);
    try {
      const response = await post('/api/auth/register', {
        email,
        password: PASSWORD,
        displayName: 'Interrompu',
        acceptCharter: true,
      });
      expect(response.statusCode).toBe(500);
      expect(response.json().error).toEqual({ code: 'internal_error', message: expect.any(String) });
    } finally {
      await sql`alter table charter_acceptances_away rename to charter_acceptances`.execute(db);
    }
    expect(await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
    const retry = await post('/api/auth/register', {
      email,
      password: PASSWORD,
      displayName: 'Repris',
      acceptCharter: true,
    });
    expect(retry.statusCode).toBe(201);
  });

  it('answers malformed and oversized bodies with a 4xx code, never a 5xx', async () => {
    const malformed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('malformed_json');
    const huge = await post('/api/auth/register', { email: 'a@b.fr', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });

  it('answers a body of a type the route does not take with 415', async () => {
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/xml']) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        headers: { 'content-type': type },
        payload: '{"email":"a@b.fr","password":"long enough password","charter":true}',
      });
      expect([response.statusCode, response.json().error.code], type).toEqual([415, 'unsupported_media_type']);
    }
  });
});

describe('sign-in and sign-out', () => {
  it('gives the same answer for an unknown email and a wrong password', async () => {
    const { email } = await signUp(ctx.app);
    const wrong = await post('/api/auth/login', { email, password: 'mauvais-mot-de-passe' });
    const unknown = await post('/api/auth/login', { email: uniqueEmail('inconnu'), password: 'mauvais-mot-de-passe' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('rotates the session at sign-in and revokes it at sign-out', async () => {
    const client = await signUp(ctx.app);
    const login = await post('/api/auth/login', { email: client.email, password: PASSWORD }, as(client));
    expect(login.statusCode).toBe(200);
    const fresh = sessionCookie(login);
    expect(fresh).not.toBe(client.cookie);
    expect((await me(client.cookie)).statusCode).toBe(401);

    const logout = await post('/api/auth/logout', undefined, { cookie: fresh, 'x-csrf-token': login.json().csrfToken });
    expect(logout.statusCode).toBe(204);
    expect((await me(fresh)).statusCode).toBe(401);
    expect((await me(fresh)).json().error.code).toBe('unauthenticated');
  });

  it('ends sessions that sat idle too long', async () => {
    const client = await signUp(ctx.app);
    const longAgo = new Date(Date.now() - ctx.config.session.idleMs - 1000);
    await ctx.database.db
      .updateTable('sessions')
      .set({ last_seen_at: longAgo })
      .where('user_id', '=', client.userId)
      .execute();
    expect((await me(client.cookie)).statusCode).toBe(401);
  });

  it('ends sessions past their absolute lifetime even when active', async () => {
    const client = await signUp(ctx.app);
    await ctx.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', client.userId)
      .execute();
    expect((await me(client.cookie)).statusCode).toBe(401);
  });
});

describe('session probe', () => {
  const probe = (cookie?: string) =>
    ctx.app.inject({ method: 'GET', url: '/api/session', headers: cookie ? { cookie } : {} });

  it('answers an anonymous visitor 200 with nobody signed in, where GET /api/me says 401', async () => {
    const response = await probe();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ user: null, csrfToken: null, oidc: null });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
  });

  it('gives a signed-in person what GET /api/me gives', async () => {
    const client = await signUp(ctx.app, { displayName: 'Sacha Sonde' });
    const response = await probe(client.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ...(await me(client.cookie)).json(), oidc: null });
    expect(response.json()).toMatchObject({ user: { id: client.userId }, csrfToken: client.csrfToken });
  });

  it('treats a revoked session as anonymous and clears its cookie', async () => {
    const client = await signUp(ctx.app);
    await post('/api/auth/logout', undefined, as(client));
    const response = await probe(client.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ user: null, csrfToken: null, oidc: null });
    expect(response.cookies.find((c) => c.name === 'atelier_session')?.value).toBe('');
  });
});

describe('request protection', () => {
  it('refuses a state-changing request with the cookie but without the CSRF token', async () => {
    const client = await signUp(ctx.app);
    const patch = (headers: Record<string, string>) =>
      ctx.app.inject({ method: 'PATCH', url: '/api/me', payload: { territory: 'Arras' }, headers });
    const attempts: Record<string, string>[] = [
      { cookie: client.cookie },
      { cookie: client.cookie, 'x-csrf-token': 'faux' },
    ];
    for (const headers of attempts) {
      const response = await patch(headers);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('csrf_failed');
    }
    const unchanged = await me(client.cookie);
    expect(unchanged.json().user.profile.territory).toBeNull();
    expect((await patch(as(client))).statusCode).toBe(200);
  });

  it('refuses state-changing requests from another origin', async () => {
    const response = await post(
      '/api/auth/login',
      { email: uniqueEmail(), password: PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('origin_forbidden');
  });

  it('sends security headers with a strict content security policy', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/nulle-part' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});

describe('profile', () => {
  it('updates the profile fields and refuses values outside the alliance lists', async () => {
    const client = await signUp(ctx.app);
    const update = {
      displayName: 'Alex Territoire',
      organisationName: 'Ville de Vimy',
      organisationKind: 'collectivite',
      territory: 'Pas-de-Calais',
      fantasticRole: 'agent',
      themes: ['mobilité', 'alimentation'],
      bio: 'Chargé·e de mission transition.\nJ’aime les récits.',
      locale: 'en',
      listedInDirectory: true,
    };
    const response = await ctx.app.inject({ method: 'PATCH', url: '/api/me', payload: update, headers: as(client) });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({
      displayName: 'Alex Territoire',
      locale: 'en',
      profile: { organisationKind: 'collectivite', fantasticRole: 'agent', themes: ['mobilité', 'alimentation'] },
    });

    for (const bad of [
      { organisationKind: 'multinationale' },
      { fantasticRole: 'super-heros' },
      { themes: Array.from({ length: 13 }, (_, i) => `thème ${i}`) },
      { bio: 'x'.repeat(1001) },
      { role: 'admin' },
    ]) {
      const refused = await ctx.app.inject({ method: 'PATCH', url: '/api/me', payload: bad, headers: as(client) });
      expect(refused.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await me(client.cookie)).json().user).toMatchObject({ role: 'member', displayName: 'Alex Territoire' });
  });

  it('needs a session', async () => {
    const response = await ctx.app.inject({ method: 'PATCH', url: '/api/me', payload: { bio: 'x' } });
    expect(response.statusCode).toBe(401);
  });
});
