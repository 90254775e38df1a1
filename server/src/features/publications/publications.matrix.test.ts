import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { upload } from '../../test/factories/resources';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { samples, tempDataDir } from '../../test/files';
import { type Method, request } from '../../test/http';
import { routerTable } from '../../test/route-table';

/**
 * Who may do what in the commons, as a matrix: five kinds of people × every route. Each cell
 * runs on a fresh file of a members-only space (published already, for the routes that read or
 * withdraw a publication), where `spaceMember` is a member and `animateur` its animateur·ice.
 */

type Who = 'anonymous' | 'member' | 'spaceMember' | 'animateur' | 'admin';
const WHO: Who[] = ['anonymous', 'member', 'spaceMember', 'animateur', 'admin'];

interface Fresh {
  fileId: string;
  publicationId: string;
}

interface Cell {
  route: string;
  method: Method;
  path: (fresh: Fresh) => string;
  body?: (fresh: Fresh) => object;
  /** Whether the cell needs the file published first. */
  published: boolean;
  expected: Record<Who, number>;
}

const everyone = (status: number): Record<Who, number> => ({
  anonymous: status,
  member: status,
  spaceMember: status,
  animateur: status,
  admin: status,
});
const publishers = (ok: number): Record<Who, number> => ({
  anonymous: 401,
  member: 403,
  spaceMember: 403,
  animateur: ok,
  admin: ok,
});

const CELLS: Cell[] = [
  {
    route: 'GET /api/publications',
    method: 'GET',
    path: () => '/api/publications',
    published: true,
    expected: everyone(200),
  },
  {
    route: 'GET /api/publications/:id',
    method: 'GET',
    path: ({ publicationId }) => `/api/publications/${publicationId}`,
    published: true,
    expected: everyone(200),
  },
  {
    route: 'GET /api/publications/:id/file',
    method: 'GET',
    path: ({ publicationId }) => `/api/publications/${publicationId}/file`,
    published: true,
    expected: everyone(200),
  },
  {
    route: 'POST /api/publications',
    method: 'POST',
    path: () => '/api/publications',
    body: ({ fileId }) => ({
      source: { type: 'file', id: fileId },
      title: 'Recueil',
      kind: 'publication',
      themes: [],
      licence: 'CC-BY-4.0',
    }),
    published: false,
    expected: publishers(201),
  },
  {
    route: 'DELETE /api/publications/:id',
    method: 'DELETE',
    path: ({ publicationId }) => `/api/publications/${publicationId}`,
    published: true,
    expected: publishers(204),
  },
];

let ctx: TestContext;
let dataDir: Awaited<ReturnType<typeof tempDataDir>>;
const people = {} as Record<Exclude<Who, 'anonymous'>, TestPerson>;

beforeAll(async () => {
  dataDir = await tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir.path });
  for (const who of ['member', 'spaceMember', 'animateur'] as const) people[who] = await createPerson(ctx);
  people.admin = await createPerson(ctx, { role: 'admin' });
});
afterAll(async () => {
  await ctx?.close();
  await dataDir?.remove();
});

async function fresh(published: boolean): Promise<Fresh> {
  const { db } = ctx.database;
  const space = await createSpace(db, { visibility: 'members', joinPolicy: 'request' });
  await addMembership(db, space.id, people.spaceMember.id);
  await addMembership(db, space.id, people.animateur.id, { role: 'animateur' });
  const uploaded = await upload(ctx, people.animateur, space.slug, {
    filename: 'recueil.pdf',
    content: samples.pdf(),
    contentType: 'application/pdf',
  });
  const fileId = uploaded.json().file.id as string;
  if (!published) return { fileId, publicationId: '' };
  const row = await db
    .insertInto('publications')
    .values({
      space_id: space.id,
      source_type: 'file',
      source_id: fileId,
      title: 'Recueil',
      kind: 'publication',
      licence: 'CC-BY-4.0',
      html: null,
      url: null,
      published_by: people.animateur.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { fileId, publicationId: row.id };
}

describe('publications access matrix', () => {
  for (const cell of CELLS) {
    it(cell.route, async () => {
      const answers: Record<string, number> = {};
      for (const who of WHO) {
        const made = await fresh(cell.published);
        const person = who === 'anonymous' ? null : people[who];
        answers[who] = (await request(ctx, person, cell.method, cell.path(made), cell.body?.(made))).statusCode;
      }
      expect(answers).toEqual(cell.expected);
    });
  }

  it('covers every publications route of the router', () => {
    const routes = routerTable(ctx.app).filter(
      (route) => route.includes(' /api/publications') && !route.startsWith('HEAD '),
    );
    expect(routes.sort()).toEqual(CELLS.map((cell) => cell.route).sort());
  });
});
