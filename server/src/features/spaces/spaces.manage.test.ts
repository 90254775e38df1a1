import { SpaceResponseSchema } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace, snapshotSpace } from '../../test/factories/spaces';
import { sessionCookie } from '../../test/http';
import { ensureAdmin } from '../accounts/accounts.service';
import { seedAlliance } from '../seed/seed.service';

let ctx: TestContext;
const db = () => ctx.database.db;
const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who?: TestPerson, payload?: object) =>
  ctx.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('creating spaces', () => {
  it('lets an admin create a space, its slug made from the title', async () => {
    const admin = await createPerson(ctx, { role: 'admin' });
    const response = await call('POST', '/api/spaces', admin, {
      kind: 'cohorte',
      title: 'Cohorte Île-de-France 2026',
      summary: 'Des territoires accompagnés',
      goals: ['Se former', 'Agir'],
      period: '2026-2027',
      partners: ['Cerdd'],
      visibility: 'members',
      joinPolicy: 'invite',
      projects: [{ territory: 'Plaine Commune', theme: 'Alimentation' }, { territory: 'Est Ensemble' }],
    });
    expect(response.statusCode).toBe(201);
    const { space, membership, permissions } = SpaceResponseSchema.parse(response.json());
    expect(space).toMatchObject({
      slug: 'cohorte-ile-de-france-2026',
      kind: 'cohorte',
      status: 'active',
      memberCount: 0,
      period: '2026-2027',
      projects: [
        { territory: 'Plaine Commune', theme: 'Alimentation' },
        { territory: 'Est Ensemble', theme: null },
      ],
    });
    expect(membership).toBeNull();
    expect(permissions.manage).toBe(true);

    const taken = await call('POST', '/api/spaces', admin, {
      kind: 'chantier',
      title: 'Autre',
      slug: 'cohorte-ile-de-france-2026',
      visibility: 'public',
      joinPolicy: 'open',
    });
    expect([taken.statusCode, taken.json().error.code]).toEqual([409, 'conflict']);
  });

  it('refuses people who are not admins, and bad bodies, writing nothing', async () => {
    const member = await createPerson(ctx);
    const admin = await createPerson(ctx, { role: 'admin' });
    const count = async () => (await db().selectFrom('spaces').select('id').execute()).length;
    const before = await count();
    const body = { kind: 'chantier', title: 'Interdit', visibility: 'public', joinPolicy: 'open' };
    expect((await call('POST', '/api/spaces', member, body)).statusCode).toBe(403);
    expect((await call('POST', '/api/spaces', undefined, body)).statusCode).toBe(401);
    for (const bad of [
      { ...body, kind: 'club' },
      { ...body, title: '' },
      { ...body, title: '!!!' },
      { ...body, slug: 'Pas Un Slug' },
      { ...body, visibility: 'secret' },
      { ...body, extra: true },
      { ...body, title: 'a\u0000b' },
      { ...body, projects: [{ territory: 'Drôme' }, { territory: 'drôme' }] },
    ]) {
      const response = await call('POST', '/api/spaces', admin, bad);
      expect([response.statusCode, response.json().error.code]).toEqual([400, 'invalid_input']);
    }
    expect(await count()).toBe(before);
  });
});

describe('editing spaces', () => {
  it('lets an animateur edit, change visibility and archive, then unarchive', async () => {
    const space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
    const animateur = await createPerson(ctx);
    await addMembership(db(), space.id, animateur.id, { role: 'animateur' });
    const edited = await call('PATCH', `/api/spaces/${space.slug}`, animateur, {
      title: 'Nouveau titre',
      description: 'Premier paragraphe.\n\nSecond paragraphe.',
      visibility: 'private',
      joinPolicy: 'invite',
      status: 'archived',
      projects: [{ territory: 'Lyon', theme: 'Énergie' }],
    });
    expect(edited.statusCode).toBe(200);
    expect(SpaceResponseSchema.parse(edited.json()).space).toMatchObject({
      title: 'Nouveau titre',
      description: 'Premier paragraphe.\n\nSecond paragraphe.',
      visibility: 'private',
      joinPolicy: 'invite',
      status: 'archived',
      projects: [{ territory: 'Lyon', theme: 'Énergie' }],
    });
    const reopened = await call('PATCH', `/api/spaces/${space.slug}`, animateur, { status: 'active' });
    expect(reopened.json().space.status).toBe('active');
    const empty = await call('PATCH', `/api/spaces/${space.slug}`, animateur, {});
    expect(empty.statusCode).toBe(400);
  });

  it('refuses members who do not animate, leaving the space as it was', async () => {
    const space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
    const member = await createPerson(ctx);
    await addMembership(db(), space.id, member.id);
    const before = await snapshotSpace(db(), space.id);
    const response = await call('PATCH', `/api/spaces/${space.slug}`, member, { status: 'archived' });
    expect(response.statusCode).toBe(403);
    expect(await snapshotSpace(db(), space.id)).toEqual(before);
  });

  it('lets the admin from configuration manage seeded spaces that have no animateur', async () => {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
    const requester = await createPerson(ctx);
    await addMembership(db(), space.id, requester.id, { status: 'pending' });
    const admin = await createPerson(ctx, { role: 'admin' });
    expect((await call('GET', `/api/spaces/${space.slug}/requests`, admin)).json().items).toHaveLength(1);
    const promoted = await call('POST', `/api/spaces/${space.slug}/requests/${requester.id}/approve`, admin);
    expect(promoted.statusCode).toBe(200);
    const named = await call('PATCH', `/api/spaces/${space.slug}/members/${requester.id}`, admin, {
      role: 'animateur',
    });
    expect(named.json().member.role).toBe('animateur');
  });
});

describe('the configured admin and the seeded alliance', () => {
  it('manages every seeded space through the admin role alone, with no fake people seeded', async () => {
    await seedAlliance(db());
    await ensureAdmin(db(), { email: 'admin@exemple.fr', password: 'mot-de-passe-admin' });
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'admin@exemple.fr', password: 'mot-de-passe-admin' },
    });
    const headers = { cookie: sessionCookie(login), 'x-csrf-token': login.json().csrfToken };
    const seeded = await db()
      .selectFrom('spaces')
      .select(['id', 'slug'])
      .where('slug', '=', 'territoires-narratifs')
      .execute();
    expect(seeded).toHaveLength(1);
    expect(
      await db().selectFrom('memberships').select('user_id').where('space_id', '=', seeded[0]!.id).execute(),
    ).toEqual([]);
    for (const url of ['/api/spaces/territoires-narratifs', '/api/spaces/mise-en-recits']) {
      const page = await ctx.app.inject({ method: 'GET', url, headers });
      expect(page.json().permissions).toMatchObject({ manage: true, seeMembers: true, viewContent: true });
    }
    const requests = await ctx.app.inject({
      method: 'GET',
      url: '/api/spaces/territoires-narratifs/requests',
      headers,
    });
    expect(requests.statusCode).toBe(200);
  });
});
