import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createThread } from '../../test/factories/discussions';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';

/**
 * Personal API tokens: made once and shown once, stored hashed, listed with their last use,
 * revoked; a request with `Authorization: Bearer` acts as the owner, never more, narrowed to
 * the token's scopes and kept away from the account itself.
 */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx?.close());

async function tokenOf(person: TestPerson, scopes: ['read'] | ['read', 'write'] = ['read']) {
  const created = await request(ctx, person, 'POST', '/api/me/tokens', { name: 'Script du chantier', scopes });
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { token: string; apiToken: { id: string; prefix: string } };
}

/** A request as a script sends it: the token, no cookie, no CSRF header. */
const withToken = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

describe('creating, listing and revoking', () => {
  it('shows the secret once and keeps only its hash', async () => {
    const owner = await createPerson(ctx);
    const { token, apiToken } = await tokenOf(owner);
    expect(token).toMatch(/^atl_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(apiToken.prefix)).toBe(true);
    const listed = await request(ctx, owner, 'GET', '/api/me/tokens');
    expect(listed.json().items).toEqual([
      expect.objectContaining({ id: apiToken.id, scopes: ['read'], lastUsedAt: null }),
    ]);
    expect(listed.body).not.toContain(token);
    const stored = await ctx.database.db.selectFrom('api_tokens').selectAll().where('id', '=', apiToken.id).execute();
    expect(JSON.stringify(stored)).not.toContain(token.slice(12));
  });

  it('records the last use, and a revoked token answers 401', async () => {
    const owner = await createPerson(ctx);
    const { token, apiToken } = await tokenOf(owner);
    expect((await withToken(token, 'GET', '/api/me/home')).statusCode).toBe(200);
    const listed = (await request(ctx, owner, 'GET', '/api/me/tokens')).json().items;
    expect(listed[0].lastUsedAt).not.toBeNull();
    expect((await request(ctx, owner, 'DELETE', `/api/me/tokens/${apiToken.id}`)).statusCode).toBe(204);
    const refused = await withToken(token, 'GET', '/api/me/home');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('token_invalid');
    expect((await withToken('atl_nimporte-quoi', 'GET', '/api/me/home')).json().error.code).toBe('token_invalid');
  });

  it('revokes only one’s own tokens', async () => {
    const owner = await createPerson(ctx);
    const other = await createPerson(ctx);
    const { apiToken } = await tokenOf(owner);
    expect((await request(ctx, other, 'DELETE', `/api/me/tokens/${apiToken.id}`)).statusCode).toBe(404);
    expect((await request(ctx, owner, 'GET', '/api/me/tokens')).json().items).toHaveLength(1);
  });
});

describe('what a token may do', () => {
  it('reads what its owner may read, over HTTP as a script does, and nothing else', async () => {
    const owner = await createPerson(ctx);
    const author = await createPerson(ctx);
    const mine = await createSpace(ctx.database.db, { visibility: 'members', joinPolicy: 'request' });
    const hidden = await createSpace(ctx.database.db, { visibility: 'private', joinPolicy: 'invite' });
    await addMembership(ctx.database.db, mine.id, owner.id);
    await addMembership(ctx.database.db, mine.id, author.id);
    await addMembership(ctx.database.db, hidden.id, author.id);
    const { thread } = await createThread(ctx, author, mine.slug, { title: 'Feuille de route' });
    await createThread(ctx, author, hidden.slug);
    const { token } = await tokenOf(owner);

    // A real server and fetch, without cookies: what a spreadsheet script or a curl does.
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    const call = (method: string, path: string, body?: object) =>
      fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const listed = await call('GET', `/api/spaces/${mine.slug}/threads`);
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([thread.id]);

    const elsewhere = await call('GET', `/api/spaces/${hidden.slug}/threads`);
    expect(elsewhere.status).toBe(404);

    const write = await call('POST', `/api/spaces/${mine.slug}/threads`, { title: 'Non', body: '<p>Non</p>' });
    expect(write.status).toBe(403);
    expect(((await write.json()) as { error: { code: string } }).error.code).toBe('token_scope');
  });

  it('writes with a write token, without CSRF, within the owner’s rights only', async () => {
    const owner = await createPerson(ctx);
    const space = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'open' });
    const other = await createSpace(ctx.database.db, { visibility: 'members', joinPolicy: 'request' });
    await addMembership(ctx.database.db, space.id, owner.id);
    const { token } = await tokenOf(owner, ['read', 'write']);
    const posted = await withToken(token, 'POST', `/api/spaces/${space.slug}/threads`, {
      title: 'Depuis un script',
      body: '<p>Bonjour</p>',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const outside = await withToken(token, 'POST', `/api/spaces/${other.slug}/threads`, {
      title: 'Ailleurs',
      body: '<p>Non</p>',
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('forbidden');
  });

  it('loses what its owner loses, at once', async () => {
    const owner = await createPerson(ctx);
    const space = await createSpace(ctx.database.db, { visibility: 'members', joinPolicy: 'request' });
    await addMembership(ctx.database.db, space.id, owner.id);
    const { token } = await tokenOf(owner);
    expect((await withToken(token, 'GET', `/api/spaces/${space.slug}/threads`)).statusCode).toBe(200);
    await ctx.database.db.deleteFrom('memberships').where('user_id', '=', owner.id).execute();
    expect((await withToken(token, 'GET', `/api/spaces/${space.slug}/threads`)).statusCode).toBe(403);
  });

  it('never reaches the account itself', async () => {
    const owner = await createPerson(ctx);
    const { token } = await tokenOf(owner, ['read', 'write']);
    for (const [method, url, payload] of [
      ['POST', '/api/me/password', { currentPassword: 'x', newPassword: 'transition-2031!' }],
      ['PATCH', '/api/me', { displayName: 'Volé' }],
      ['GET', '/api/me', undefined],
      ['DELETE', '/api/me', { confirm: 'SUPPRIMER' }],
      ['POST', '/api/me/export', undefined],
      ['POST', '/api/me/tokens', { name: 'Un autre', scopes: ['read', 'write'] }],
      ['GET', '/api/me/tokens', undefined],
      ['POST', '/api/auth/logout', undefined],
    ] as const) {
      const refused = await withToken(token, method, url, payload);
      expect(refused.statusCode, `${method} ${url}`).toBe(403);
      expect(refused.json().error.code).toBe('token_not_allowed');
    }
    const user = await ctx.database.db
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', owner.id)
      .executeTakeFirst();
    expect(user?.display_name).toBe(owner.displayName);
    expect((await request(ctx, owner, 'GET', '/api/me/tokens')).json().items).toHaveLength(1);
  });
});

describe('the per-token limit', () => {
  it('counts every request of one token, reads included', async () => {
    const limited = await createTestApp({ RATE_LIMITS: 'on', RATE_LIMIT_WRITE_SCALE: '0.01' });
    try {
      const owner = await createPerson(limited);
      const created = await request(limited, owner, 'POST', '/api/me/tokens', { name: 'Boucle', scopes: ['read'] });
      const { token } = created.json();
      const max = limited.app.limits.quotas.apiTokenRequest[0]!.max;
      const codes: number[] = [];
      for (let i = 0; i <= max; i++) {
        const answer = await limited.app.inject({
          method: 'GET',
          url: '/api/me/home',
          headers: { authorization: `Bearer ${token}` },
        });
        codes.push(answer.statusCode);
      }
      expect(codes).toEqual([...Array(max).fill(200), 429]);
      // The owner's browser is not held back by the script.
      expect((await request(limited, owner, 'GET', '/api/me/home')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
