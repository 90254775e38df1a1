import { type TerritoryList, TerritoryListSchema, TerritoryResponseSchema } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { seedAlliance } from '../seed/seed.service';

/**
 * The accompanied territories as people meet them: the public map and its table, a territory
 * added by an admin from its official code, its spaces, and its « 4 Fantastiques » named by
 * the animateur·ices of those spaces.
 */

let ctx: TestContext;
let admin: TestPerson;
let animatrice: TestPerson;
let agente: TestPerson;
let outsider: TestPerson;
let occitanie: { id: string; slug: string };

beforeAll(async () => {
  ctx = await createTestApp();
  await seedAlliance(ctx.database.db);
  const { db } = ctx.database;
  admin = await createPerson(ctx, { role: 'admin' });
  animatrice = await createPerson(ctx, { displayName: 'Anne Animatrice' });
  agente = await createPerson(ctx, { displayName: 'Agathe Agente' });
  outsider = await createPerson(ctx, { displayName: 'Olivier Ailleurs' });
  occitanie = await db
    .selectFrom('spaces')
    .select(['id', 'slug'])
    .where('slug', '=', 'cohorte-regionale-occitanie')
    .executeTakeFirstOrThrow();
  await addMembership(db, occitanie.id, animatrice.id, { role: 'animateur' });
  await addMembership(db, occitanie.id, agente.id);
  await db.updateTable('users').set({ listed_in_directory: true }).where('id', '=', agente.id).execute();
});
afterAll(() => ctx?.close());

const list = async (person: TestPerson | null = null): Promise<TerritoryList> => {
  const response = await request(ctx, person, 'GET', '/api/territories');
  expect(response.statusCode, response.body).toBe(200);
  return TerritoryListSchema.parse(response.json());
};
const territoryNamed = async (name: string, person: TestPerson | null = null) => {
  const found = (await list(person)).items.find((item) => item.name === name);
  if (!found) throw new Error(`no territory ${name}`);
  return found;
};

describe('the map and its table', () => {
  it('shows the cohorts’ territories to anyone, with their official code, programme, spaces and place on the map', async () => {
    const { items, map } = await list();
    expect(items).toHaveLength(17);
    expect(map.width).toBe(600);
    expect(map.height).toBeGreaterThan(500);
    expect(map.outline).toMatch(/^M[\d.,-]+L/);
    const gruissan = items.find((item) => item.code === '11170');
    expect(gruissan).toMatchObject({
      name: 'Gruissan',
      level: 'commune',
      programmes: ['cohorte'],
      spaces: [{ slug: 'cohorte-regionale-occitanie', title: 'Cohorte régionale Occitanie' }],
    });
    // Every point is inside the box; Lille's neighbour is north of Perpignan's.
    for (const item of items) {
      expect(item.position?.x).toBeGreaterThan(0);
      expect(item.position?.x).toBeLessThan(map.width);
      expect(item.position?.y).toBeGreaterThan(0);
      expect(item.position?.y).toBeLessThan(map.height);
    }
    const lomme = items.find((item) => item.code === '59355');
    const canohes = items.find((item) => item.code === '66038');
    expect(lomme?.position?.y ?? Infinity).toBeLessThan(canohes?.position?.y ?? 0);
    expect(gruissan?.team.map((seat) => [seat.role, seat.filled])).toEqual([
      ['elu', false],
      ['agent', false],
      ['etat', false],
      ['acteur', false],
    ]);
    expect(gruissan?.canManageTeam).toBe(false);
  });

  it('hides a private space from those who may not know it', async () => {
    const { db } = ctx.database;
    const secret = await createSpace(db, {
      visibility: 'private',
      joinPolicy: 'invite',
      kind: 'cohorte',
      title: 'Groupe restreint',
    });
    const vimy = await territoryNamed('Vimy');
    const patched = await request(ctx, admin, 'PATCH', `/api/territories/${vimy.id}`, {
      spaces: [{ slug: 'territoires-pilotes' }, { slug: secret.slug, theme: 'un atelier fermé' }],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await territoryNamed('Vimy', admin)).spaces.map((space) => space.slug)).toEqual([
      secret.slug,
      'territoires-pilotes',
    ]);
    expect((await territoryNamed('Vimy')).spaces.map((space) => space.slug)).toEqual(['territoires-pilotes']);
    // The pilot territories' project keeps its theme when none is given.
    const pilot = (await territoryNamed('Vimy')).spaces[0];
    expect(pilot?.theme).toBe('améliorer la résilience alimentaire');
  });
});

describe('a space’s projects', () => {
  it('stay linked to their territories when the space edits its list, and link from its page to the map', async () => {
    const space = await request(ctx, null, 'GET', '/api/spaces/territoires-pilotes');
    const projects = space.json().space.projects as Array<{
      territory: string;
      theme: string | null;
      territoryId: string | null;
    }>;
    const vimy = projects.find((project) => project.territory === 'Ville de Vimy');
    expect(vimy?.territoryId).toBe((await territoryNamed('Vimy')).id);
    const reordered = [...projects].reverse().map(({ territory, theme }) => ({ territory, theme }));
    const edited = await request(ctx, admin, 'PATCH', '/api/spaces/territoires-pilotes', {
      projects: [...reordered, { territory: 'Ville nouvelle', theme: null }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await territoryNamed('Vimy')).spaces.map((s) => s.slug)).toContain('territoires-pilotes');
    const after = (await request(ctx, null, 'GET', '/api/spaces/territoires-pilotes')).json().space.projects;
    expect(after.at(-1)).toEqual({ territory: 'Ville nouvelle', theme: null, territoryId: null });
  });
});

describe('adding a territory', () => {
  it('takes a commune’s name from the official list by its INSEE code', async () => {
    const response = await request(ctx, admin, 'POST', '/api/territories', {
      level: 'commune',
      code: '62528',
      programmes: ['experimental'],
      lat: 50.4431,
      lon: 2.7617,
      spaces: [{ slug: 'territoires-pilotes', theme: 'la sobriété heureuse' }],
    });
    expect(response.statusCode, response.body).toBe(201);
    const { territory } = TerritoryResponseSchema.parse(response.json());
    expect(territory).toMatchObject({
      name: 'Loos-en-Gohelle',
      level: 'commune',
      programmes: ['experimental'],
      spaces: [{ slug: 'territoires-pilotes', theme: 'la sobriété heureuse' }],
    });
    expect(territory.position).not.toBeNull();
    const again = await request(ctx, admin, 'POST', '/api/territories', {
      level: 'commune',
      code: '62528',
      programmes: ['ponctuel'],
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses an unknown code, a bad SIREN, a half point and an unknown space, field by field, creating nothing', async () => {
    const before = (await list()).items.length;
    const cases: Array<[object, string]> = [
      [{ level: 'commune', code: '99999', programmes: ['cohorte'] }, 'body.code'],
      [{ level: 'epci', code: '200033578', programmes: ['cohorte'] }, 'body.code'],
      [{ level: 'other', code: '123456789', name: 'PETR imaginaire', programmes: ['cohorte'] }, 'body.code'],
      [{ level: 'other', code: '130015332', programmes: ['cohorte'] }, 'body.name'],
      [{ level: 'commune', code: '11170', programmes: ['cohorte'], lat: 43.1 }, 'lon'],
      [{ level: 'commune', code: '30189', programmes: [] }, 'programmes'],
      [{ level: 'commune', code: "1' or 1=1", programmes: ['cohorte'] }, 'code'],
      [{ level: 'commune', code: '30189', programmes: ['cohorte'], spaces: [{ slug: 'nulle-part' }] }, 'body.spaces'],
    ];
    for (const [body, field] of cases) {
      const response = await request(ctx, admin, 'POST', '/api/territories', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(response.json().error.details), JSON.stringify(body)).toContain(field);
    }
    expect((await list()).items).toHaveLength(before);
  });

  it('keeps a same-named territory’s project: the commune and the département of Paris side by side', async () => {
    const add = (level: string, code: string) =>
      request(ctx, admin, 'POST', '/api/territories', {
        level,
        code,
        programmes: ['ponctuel'],
        spaces: [{ slug: 'territoires-narratifs' }],
      });
    const commune = TerritoryResponseSchema.parse((await add('commune', '75056')).json()).territory;
    const departement = await add('departement', '75');
    expect(departement.statusCode, departement.body).toBe(201);
    expect((await territoryNamed('Paris', admin)).spaces.map((space) => space.slug)).toContain('territoires-narratifs');
    const both = (await list(admin)).items.filter((item) => item.name === 'Paris');
    expect(both.map((item) => [item.level, item.spaces.length])).toEqual(
      expect.arrayContaining([
        ['commune', 1],
        ['departement', 1],
      ]),
    );
    expect(commune.id).not.toBe(TerritoryResponseSchema.parse(departement.json()).territory.id);
  });

  it('adds a PETR by its SIREN and the name given; an official name never changes', async () => {
    const petr = await request(ctx, admin, 'POST', '/api/territories', {
      level: 'other',
      code: '130 015 332'.replaceAll(' ', ''),
      name: 'PETR Pays des Nestes',
      programmes: ['cohorte'],
      spaces: [{ slug: 'avenir-montagnes-ingenierie', theme: 'développer une offre touristique durable' }],
    });
    expect(petr.statusCode, petr.body).toBe(201);
    const { territory } = TerritoryResponseSchema.parse(petr.json());
    expect(territory.position).toBeNull();
    const renamed = await request(ctx, admin, 'PATCH', `/api/territories/${territory.id}`, { name: 'PETR des Nestes' });
    expect(TerritoryResponseSchema.parse(renamed.json()).territory.name).toBe('PETR des Nestes');
    const gruissan = await territoryNamed('Gruissan');
    const refused = await request(ctx, admin, 'PATCH', `/api/territories/${gruissan.id}`, { name: 'Gruissan-Plage' });
    expect(refused.statusCode).toBe(400);
  });
});

describe('the « 4 Fantastiques »', () => {
  it('lets an animateur·ice of the territory’s space seat a member, shown by name to the signed-in only', async () => {
    const gruissan = await territoryNamed('Gruissan', animatrice);
    expect(gruissan.canManageTeam).toBe(true);
    const seated = await request(ctx, animatrice, 'PUT', `/api/territories/${gruissan.id}/team/agent`, {
      userId: agente.id,
    });
    expect(seated.statusCode, seated.body).toBe(200);
    const seat = (person: TestPerson | null) =>
      territoryNamed('Gruissan', person).then((territory) => territory.team.find((s) => s.role === 'agent'));
    expect(await seat(outsider)).toEqual({
      role: 'agent',
      filled: true,
      person: { id: agente.id, displayName: 'Agathe Agente' },
    });
    expect(await seat(null)).toEqual({ role: 'agent', filled: true, person: null });
  });

  it('seats only a member of one of its spaces, and only for its animateur·ices and admins', async () => {
    const gruissan = await territoryNamed('Gruissan');
    const notMember = await request(ctx, animatrice, 'PUT', `/api/territories/${gruissan.id}/team/elu`, {
      userId: outsider.id,
    });
    expect(notMember.statusCode).toBe(400);
    expect(notMember.json().error.details).toHaveProperty(['body.userId']);
    const byMember = await request(ctx, agente, 'PUT', `/api/territories/${gruissan.id}/team/elu`, {
      userId: agente.id,
    });
    expect(byMember.statusCode).toBe(403);
    const vimy = await territoryNamed('Vimy');
    const elsewhere = await request(ctx, animatrice, 'DELETE', `/api/territories/${vimy.id}/team/elu`);
    expect(elsewhere.statusCode).toBe(403);
  });

  it('frees the seat of a person who leaves the territory’s last space', async () => {
    const gruissan = await territoryNamed('Gruissan');
    await request(ctx, admin, 'PUT', `/api/territories/${gruissan.id}/team/etat`, { userId: agente.id });
    const left = await request(ctx, agente, 'DELETE', '/api/spaces/cohorte-regionale-occitanie/membership');
    expect(left.statusCode, left.body).toBe(204);
    const seat = (await territoryNamed('Gruissan')).team.find((s) => s.role === 'etat');
    expect(seat?.filled).toBe(false);
    await addMembership(ctx.database.db, occitanie.id, agente.id);
  });

  it('leaves a seat vacant again', async () => {
    const gruissan = await territoryNamed('Gruissan');
    const vacated = await request(ctx, admin, 'DELETE', `/api/territories/${gruissan.id}/team/agent`);
    expect(vacated.statusCode).toBe(204);
    expect((await territoryNamed('Gruissan')).team.every((seat) => !seat.filled)).toBe(true);
  });
});
