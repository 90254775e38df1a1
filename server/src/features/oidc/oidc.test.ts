import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidSiren } from '@atelier/contract';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson } from '../../test/factories/people';
import { signInAtProvider, startOidcProvider, type TestOidcProvider } from '../../test/oidc-provider';
import { safeReturnTo } from './oidc.service';

/**
 * Sign-in through a real OpenID provider (oidc-provider, in this process on a random port),
 * the app driven with `inject`, the provider with `fetch` as a browser would.
 */

const PUBLIC_URL = 'http://atelier.test';
const CALLBACK = `${PUBLIC_URL}/api/auth/oidc/callback`;

let provider: TestOidcProvider;
let ctx: TestContext;
const db = () => ctx.database.db;
let logins = 0;

const envFor = (issuer: string, extra: Record<string, string> = {}) => ({
  PUBLIC_URL,
  OIDC_ISSUER: issuer,
  OIDC_CLIENT_ID: provider.clientId,
  OIDC_CLIENT_SECRET: provider.clientSecret,
  OIDC_SCOPES: 'openid email profile siret',
  ...extra,
});

beforeAll(async () => {
  provider = await startOidcProvider({ redirectUri: CALLBACK });
  ctx = await createTestApp(envFor(provider.issuer));
});
afterAll(async () => {
  await ctx?.close();
  await provider?.close();
});
afterEach(() => vi.restoreAllMocks());

/** A person at the provider with these claims; their login (and `sub`). */
function providerAccount(claims: Record<string, unknown>) {
  logins += 1;
  const login = `agent-${Date.now().toString(36)}-${logins}`;
  provider.setAccount(login, claims);
  return login;
}

const cookieOf = (response: LightMyRequestResponse, name: string) =>
  response.cookies.find((cookie) => cookie.name === name && cookie.value)?.value;

/** `GET /start` in a fresh browser: its sign-in cookie and the provider URL it is sent to. */
async function start(app = ctx.app, returnTo?: string) {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const response = await app.inject({ method: 'GET', url: `/api/auth/oidc/start${query}` });
  expect(response.statusCode, response.body).toBe(302);
  return { cookie: cookieOf(response, 'atelier_oidc'), location: response.headers.location as string };
}

/** The provider's answer brought back to the app by the browser holding `cookie`. */
function callback(callbackUrl: string, cookie: string | undefined, app = ctx.app) {
  const url = new URL(callbackUrl);
  return app.inject({
    method: 'GET',
    url: `${url.pathname}${url.search}`,
    headers: cookie ? { cookie: `atelier_oidc=${cookie}` } : {},
  });
}

/** A whole sign-in as `login`: start, the provider's form, the callback. */
async function signIn(login: string, returnTo?: string) {
  const { cookie, location } = await start(ctx.app, returnTo);
  const back = await signInAtProvider(location, login, CALLBACK);
  return callback(back, cookie);
}

const session = (response: LightMyRequestResponse) => cookieOf(response, 'atelier_session');
const me = (sessionToken: string) =>
  ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `atelier_session=${sessionToken}` } });
const usersWithEmail = async (email: string) =>
  db().selectFrom('users').select('id').where('email', '=', email).execute();
const identitiesOf = (userId: string) =>
  db().selectFrom('oidc_identities').select(['issuer', 'subject']).where('user_id', '=', userId).execute();
const address = (login: string) => `${login}@agents.gouv.test`;

describe('OpenID Connect sign-in', () => {
  it('offers the provider on the sign-in page through GET /api/session, by its name', async () => {
    const probe = await ctx.app.inject({ method: 'GET', url: '/api/session' });
    expect(probe.json()).toMatchObject({ user: null, oidc: { name: 'ProConnect' } });
  });

  it('creates the account at a first sign-in, signed in on the charter step; the second finds the same account', async () => {
    const login = providerAccount({
      email: address('a'),
      email_verified: true,
      given_name: 'Alex',
      family_name: 'Martin',
    });
    const first = await signIn(login, '/espaces/mise-en-recits');
    expect(first.statusCode, first.body).toBe(302);
    expect(first.headers.location).toBe(`/charte?retour=${encodeURIComponent('/espaces/mise-en-recits')}`);
    const token = session(first);
    expect(token).toBeDefined();
    const { user } = (await me(token!)).json();
    expect(user).toMatchObject({ email: address('a'), displayName: 'Alex Martin', charter: null });
    expect(await identitiesOf(user.id)).toEqual([{ issuer: provider.issuer, subject: login }]);
    // The sign-in cookie is single use: cleared by the callback.
    expect(first.cookies.find((c) => c.name === 'atelier_oidc')?.value).toBe('');

    const csrf = (await me(token!)).json().csrfToken;
    const accepted = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/charter',
      headers: { cookie: `atelier_session=${token}`, 'x-csrf-token': csrf },
      payload: { acceptCharter: true },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().user.charter).toMatchObject({ version: expect.any(String) });

    const second = await signIn(login, '/agenda');
    expect(second.statusCode).toBe(302);
    expect(second.headers.location).toBe('/agenda');
    expect((await me(session(second)!)).json().user.id).toBe(user.id);
    expect(await usersWithEmail(address('a'))).toHaveLength(1);
  });

  it('refuses an answer whose state is not the one this browser was given: nothing granted', async () => {
    const login = providerAccount({ email: address('state'), email_verified: true });
    const { cookie, location } = await start();
    const back = new URL(await signInAtProvider(location, login, CALLBACK));
    back.searchParams.set('state', 'un-autre-etat');
    const response = await callback(back.href, cookie);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/connexion?erreur=oidc_failed');
    expect(session(response)).toBeUndefined();
    expect(await usersWithEmail(address('state'))).toEqual([]);
  });

  it('refuses a replayed answer, with the same browser or with a fresh sign-in', async () => {
    const login = providerAccount({ email: address('replay'), email_verified: true });
    const { cookie, location } = await start();
    const back = await signInAtProvider(location, login, CALLBACK);
    expect((await callback(back, cookie)).statusCode).toBe(302);

    const again = await callback(back, cookie);
    expect(again.headers.location).toBe('/connexion?erreur=oidc_expired');
    expect(session(again)).toBeUndefined();

    // The same code under the state of a new sign-in: the provider has spent it.
    const fresh = await start();
    const replayed = new URL(back);
    replayed.searchParams.set('state', new URL(fresh.location).searchParams.get('state')!);
    const refused = await callback(replayed.href, fresh.cookie);
    expect(refused.headers.location).toBe('/connexion?erreur=oidc_failed');
    expect(session(refused)).toBeUndefined();
  });

  it('refuses an answer without the browser’s sign-in cookie', async () => {
    const login = providerAccount({ email: address('nocookie'), email_verified: true });
    const { location } = await start();
    const response = await callback(await signInAtProvider(location, login, CALLBACK), undefined);
    expect(response.headers.location).toBe('/connexion?erreur=oidc_expired');
    expect(await usersWithEmail(address('nocookie'))).toEqual([]);
  });

  it('does not link an unverified address to the account that has it, and creates nothing', async () => {
    const owner = await createPerson(ctx);
    const login = providerAccount({ email: owner.email, email_verified: false });
    const response = await signIn(login);
    expect(response.headers.location).toBe('/connexion?erreur=oidc_email_unverified');
    expect(session(response)).toBeUndefined();
    expect(await identitiesOf(owner.id)).toEqual([]);
    expect(await usersWithEmail(owner.email)).toHaveLength(1);
  });

  it('links a verified address to the account that has it', async () => {
    const owner = await createPerson(ctx);
    const login = providerAccount({ email: owner.email.toUpperCase(), email_verified: true });
    const response = await signIn(login);
    expect((await me(session(response)!)).json().user.id).toBe(owner.id);
    expect(await identitiesOf(owner.id)).toEqual([{ issuer: provider.issuer, subject: login }]);
  });

  it('refuses an ID token altered on its way from the token endpoint', async () => {
    const login = providerAccount({ email: address('tampered'), email_verified: true });
    const { cookie, location } = await start();
    const back = await signInAtProvider(location, login, CALLBACK);
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const response = await realFetch(input, init);
      if (!String(input instanceof Request ? input.url : input).endsWith('/token')) return response;
      const body = (await response.json()) as { id_token: string };
      const [header, payload, signature] = body.id_token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'quelqu-un-d-autre' })).toString('base64url');
      return new Response(JSON.stringify({ ...body, id_token: `${header}.${forged}.${signature}` }), {
        status: 200,
        headers: response.headers,
      });
    });
    const response = await callback(back, cookie);
    expect(response.headers.location).toBe('/connexion?erreur=oidc_failed');
    expect(session(response)).toBeUndefined();
    expect(await usersWithEmail(address('tampered'))).toEqual([]);
  });

  it('refuses an answer that names another issuer', async () => {
    const login = providerAccount({ email: address('iss'), email_verified: true });
    const { cookie, location } = await start();
    const back = new URL(await signInAtProvider(location, login, CALLBACK));
    back.searchParams.set('iss', 'https://faux-fournisseur.example');
    const response = await callback(back.href, cookie);
    expect(response.headers.location).toBe('/connexion?erreur=oidc_failed');
    expect(session(response)).toBeUndefined();
  });

  it('refuses a provider whose discovery document names another issuer', async () => {
    // Serves the real provider's metadata from another address: the issuer no longer matches.
    const impostor = createServer(async (_req, res) => {
      const metadata = await fetch(`${provider.issuer}/.well-known/openid-configuration`);
      res.setHeader('content-type', 'application/json');
      res.end(await metadata.text());
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    const other = await createTestApp(envFor(`http://127.0.0.1:${(impostor.address() as AddressInfo).port}`));
    try {
      const response = await other.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('/connexion?erreur=oidc_unavailable');
      expect(cookieOf(response, 'atelier_oidc')).toBeUndefined();
    } finally {
      await other.close();
      impostor.close();
    }
  });

  it('comes back only to paths of this site', async () => {
    const login = providerAccount({ email: address('redirect'), email_verified: true });
    const response = await signIn(login, 'https://ailleurs.example/piege');
    expect(response.headers.location).toBe(`/charte?retour=${encodeURIComponent('/')}`);
    for (const unsafe of ['//ailleurs.example', '/\\ailleurs.example', 'javascript:alert(1)', 'https://x.example']) {
      expect(safeReturnTo(unsafe)).toBe('/');
    }
    expect(safeReturnTo('/agenda?vue=mois#jour')).toBe('/agenda?vue=mois#jour');
  });

  it('suggests the alliance organisation named by the SIRET: the new profile names it', async () => {
    let siren = '';
    for (let n = 70_000_000 + (Date.now() % 1_000_000); !siren; n++) {
      for (let digit = 0; digit <= 9 && !siren; digit++) if (isValidSiren(`${n}${digit}`)) siren = `${n}${digit}`;
    }
    const slug = `commune-oidc-${Date.now().toString(36)}`;
    await db()
      .insertInto('organisations')
      .values({ slug, name: `Commune OIDC ${slug}`, kind: 'collectivite', siren })
      .execute();
    const login = providerAccount({ email: address('siret'), email_verified: true, siret: `${siren}00017` });
    const response = await signIn(login);
    expect(response.headers.location).toBe(`/charte?retour=%2F&organisation=${slug}`);
    const { user } = (await me(session(response)!)).json();
    expect(user.profile).toMatchObject({ organisationName: `Commune OIDC ${slug}`, organisationKind: 'collectivite' });
  });

  it('shows the cancellation at the provider as such', async () => {
    const { cookie } = await start();
    const response = await callback(`${CALLBACK}?error=access_denied&state=x`, cookie);
    expect(response.headers.location).toBe('/connexion?erreur=oidc_denied');
  });

  it('limits sign-ins per address, start and callback alike', async () => {
    const limited = await createTestApp({ ...envFor(provider.issuer), RATE_LIMITS: 'on', RATE_LIMIT_AUTH_PER_IP: '1' });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) {
        codes.push((await limited.app.inject({ method: 'GET', url: '/api/auth/oidc/start' })).statusCode);
      }
      expect(codes).toEqual([302, 302, 302, 429]);
      expect((await limited.app.inject({ method: 'GET', url: '/api/auth/oidc/callback' })).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('without a provider configured', () => {
  it('offers none, and sends a start back to the sign-in page', async () => {
    const bare = await createTestApp();
    try {
      expect((await bare.app.inject({ method: 'GET', url: '/api/session' })).json().oidc).toBeNull();
      const response = await bare.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('/connexion?erreur=oidc_unavailable');
    } finally {
      await bare.close();
    }
  });

  it('asks a signed-in person for the charter only; anonymous visitors are refused', async () => {
    const anonymous = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/charter',
      payload: { acceptCharter: true },
    });
    expect(anonymous.statusCode).toBe(401);
    const person = await createPerson(ctx);
    const refused = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/charter',
      headers: person.headers,
      payload: { acceptCharter: false },
    });
    expect(refused.statusCode).toBe(400);
  });
});
