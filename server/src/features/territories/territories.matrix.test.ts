import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { type Method, request } from '../../test/http';
import { routerTable } from '../../test/route-table';

/**
 * Who may do what to the accompanied territories, as a matrix: five kinds of people × every
 * route. Each cell runs on a fresh territory accompanied by a fresh space, where `spaceMember`
 * is a member and `animateur` its animateur·ice.
 */

type Who = 'anonymous' | 'member' | 'spaceMember' | 'animateur' | 'admin';
const WHO: Who[] = ['anonymous', 'member', 'spaceMember', 'animateur', 'admin'];

interface Cell {
  route: string;
  method: Method;
  path: (id: string) => string;
  body?: object;
  expected: Record<Who, number>;
}

const admins = (ok: number): Record<Who, number> => ({
  anonymous: 401,
  member: 403,
  spaceMember: 403,
  animateur: 403,
  admin: ok,
});
const teamManagers = (ok: number): Record<Who, number> => ({ ...admins(ok), animateur: ok });

let ctx: TestContext;
const people = {} as Record<Exclude<Who, 'anonymous'>, TestPerson>;

/** Commune codes of the Drôme, one per cell and person: each cell adds a territory. */
let nextCommune = 26001;

const CELLS: Cell[] = [
  {
    route: 'GET /api/territories',
    method: 'GET',
    path: () => '/api/territories',
    expected: { anonymous: 200, member: 200, spaceMember: 200, animateur: 200, admin: 200 },
  },
  {
    route: 'POST /api/territories',
    method: 'POST',
    path: () => '/api/territories',
    get body() {
      nextCommune += 1;
      return { level: 'commune', code: String(nextCommune), programmes: ['ponctuel'] };
    },
    expected: admins(201),
  },
  {
    route: 'PATCH /api/territories/:id',
    method: 'PATCH',
    path: (id) => `/api/territories/${id}`,
    body: { programmes: ['cohorte', 'experimental'] },
    expected: admins(200),
  },
  {
    route: 'PUT /api/territories/:id/team/:role',
    method: 'PUT',
    path: (id) => `/api/territories/${id}/team/elu`,
    get body() {
      return { userId: people.spaceMember.id };
    },
    expected: teamManagers(200),
  },
  {
    route: 'DELETE /api/territories/:id/team/:role',
    method: 'DELETE',
    path: (id) => `/api/territories/${id}/team/elu`,
    expected: teamManagers(204),
  },
];

beforeAll(async () => {
  ctx = await createTestApp();
  for (const who of ['member', 'spaceMember', 'animateur'] as const) people[who] = await createPerson(ctx);
  people.admin = await createPerson(ctx, { role: 'admin' });
});
afterAll(() => ctx?.close());

let territories = 0;
/** A fresh territory (a SIREN-coded grouping) with its fresh space and that space's people. */
async function freshTerritory(): Promise<string> {
  territories += 1;
  const { db } = ctx.database;
  const space = await createSpace(db, { visibility: 'members', joinPolicy: 'invite', kind: 'cohorte' });
  await addMembership(db, space.id, people.spaceMember.id);
  await addMembership(db, space.id, people.animateur.id, { role: 'animateur' });
  const territory = await db
    .insertInto('territories')
    .values({
      level: 'other',
      code: String(100_000_000 + territories),
      name: `Matrice ${territories}`,
      programmes: ['cohorte'],
      lat: null,
      lon: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('space_projects')
    .values({ space_id: space.id, territory: `Matrice ${territories}`, position: 0, territory_id: territory.id })
    .execute();
  return territory.id;
}

describe('territories access matrix', () => {
  for (const cell of CELLS) {
    it(cell.route, async () => {
      const answers: Record<string, number> = {};
      for (const who of WHO) {
        const id = await freshTerritory();
        const person = who === 'anonymous' ? null : people[who];
        answers[who] = (await request(ctx, person, cell.method, cell.path(id), cell.body)).statusCode;
      }
      expect(answers).toEqual(cell.expected);
    });
  }

  it('answers 404 for a territory that does not exist, whoever asks', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const response = await request(ctx, people.admin, 'PATCH', `/api/territories/${missing}`, {
      programmes: ['cohorte'],
    });
    expect(response.statusCode).toBe(404);
  });

  it('covers every territories route of the router', () => {
    const routes = routerTable(ctx.app).filter(
      (route) => route.includes(' /api/territories') && !route.startsWith('HEAD '),
    );
    expect(routes.sort()).toEqual(CELLS.map((cell) => cell.route).sort());
  });
});
