import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace, snapshotSpace } from '../../test/factories/spaces';

/**
 * Garbage in the path, unknown spaces and people, impossible requests: each gets a clear 4xx
 * with a stable code, never a 5xx, and nothing stored changes.
 */

let ctx: TestContext;
let admin: TestPerson;
let animateur: TestPerson;
let space: { id: string; slug: string };
const db = () => ctx.database.db;

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await createPerson(ctx, { role: 'admin' });
  animateur = await createPerson(ctx);
  space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
  await addMembership(db(), space.id, animateur.id, { role: 'animateur' });
});
afterAll(() => ctx.close());

const GARBAGE_SLUGS = [
  encodeURIComponent('espace-été'),
  encodeURIComponent('😀'),
  encodeURIComponent("x' or '1'='1"),
  encodeURIComponent('x; drop table spaces;--'),
  'a'.repeat(500),
  'a'.repeat(150),
  'UPPER',
  '--',
  '%00',
  '%E0%A4%A',
  encodeURIComponent('../admin'),
];

const ROUTES: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: (slug: string) => string; payload?: object }[] = [
  { method: 'GET', path: (slug) => `/api/spaces/${slug}` },
  { method: 'PATCH', path: (slug) => `/api/spaces/${slug}`, payload: { title: 'x' } },
  { method: 'POST', path: (slug) => `/api/spaces/${slug}/join` },
  { method: 'DELETE', path: (slug) => `/api/spaces/${slug}/membership` },
  { method: 'GET', path: (slug) => `/api/spaces/${slug}/members` },
  { method: 'GET', path: (slug) => `/api/spaces/${slug}/requests` },
  { method: 'POST', path: (slug) => `/api/spaces/${slug}/invitations`, payload: { email: 'a@exemple.fr' } },
];

describe('garbage and unknown slugs', () => {
  const cases = ROUTES.flatMap((route) =>
    [...GARBAGE_SLUGS, 'espace-inconnu'].map((slug) => [route.method, route.path(slug), route.payload] as const),
  );
  it.each(cases)('%s %s → 400 or 404, nothing changed', async (method, url, payload) => {
    const before = await snapshotSpace(db(), space.id);
    const response = await ctx.app.inject({ method, url, headers: admin.headers, ...(payload ? { payload } : {}) });
    expect([400, 404]).toContain(response.statusCode);
    expect(['invalid_input', 'not_found']).toContain(response.json().error.code);
    expect(await snapshotSpace(db(), space.id)).toEqual(before);
  });
});

describe('unknown people and requests', () => {
  const userIds = ['00000000-0000-0000-0000-000000000000', 'pas-un-uuid', encodeURIComponent("1' or 1=1--")];
  it.each(userIds)('approving, declining or changing %s answers 404, nothing changed', async (userId) => {
    const before = await snapshotSpace(db(), space.id);
    for (const [method, url, payload, code] of [
      ['POST', `/api/spaces/${space.slug}/requests/${userId}/approve`, undefined, 'not_found'],
      ['POST', `/api/spaces/${space.slug}/requests/${userId}/decline`, undefined, 'not_found'],
      ['PATCH', `/api/spaces/${space.slug}/members/${userId}`, { role: 'animateur' }, 'not_member'],
      ['DELETE', `/api/spaces/${space.slug}/members/${userId}`, undefined, 'not_member'],
    ] as const) {
      const response = await ctx.app.inject({
        method,
        url,
        headers: animateur.headers,
        ...(payload ? { payload } : {}),
      });
      expect([response.statusCode, response.json().error.code]).toEqual([404, code]);
    }
    expect(await snapshotSpace(db(), space.id)).toEqual(before);
  });

  it('does not approve an active member as if they were a request', async () => {
    const before = await snapshotSpace(db(), space.id);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/spaces/${space.slug}/requests/${animateur.id}/approve`,
      headers: admin.headers,
    });
    expect([response.statusCode, response.json().error.code]).toEqual([404, 'not_found']);
    expect(await snapshotSpace(db(), space.id)).toEqual(before);
  });

  it('rejects bad bodies and query strings with invalid_input', async () => {
    const before = await snapshotSpace(db(), space.id);
    for (const [method, url, payload] of [
      ['PATCH', `/api/spaces/${space.slug}/members/${animateur.id}`, { role: 'chef' }],
      ['PATCH', `/api/spaces/${space.slug}/members/${animateur.id}`, { role: 'membre', extra: 1 }],
      ['POST', `/api/spaces/${space.slug}/invitations`, { email: 'pas-une-adresse' }],
      ['POST', `/api/spaces/${space.slug}/invitations`, { email: 'a@exemple.fr', role: 'admin' }],
      ['PATCH', `/api/spaces/${space.slug}`, { visibility: 'secret' }],
      ['PATCH', `/api/spaces/${space.slug}`, { slug: 'autre' }],
      ['GET', `/api/spaces/${space.slug}/members?limit=0`, undefined],
      ['GET', `/api/spaces/${space.slug}/members?limit=abc`, undefined],
    ] as const) {
      const response = await ctx.app.inject({
        method,
        url,
        headers: animateur.headers,
        ...(payload ? { payload } : {}),
      });
      expect([response.statusCode, response.json().error.code]).toEqual([400, 'invalid_input']);
    }
    expect(await snapshotSpace(db(), space.id)).toEqual(before);
  });
});
