import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { multipart, samples, tempDataDir } from '../../test/files';
import { type Method, request } from '../../test/http';
import { routerTable } from '../../test/route-table';

/**
 * Who may do what to an organisation, as a matrix: six kinds of people × every route. Each
 * cell runs on a fresh organisation (and a fresh person asking to be linked, for the routes
 * that decide on them), so that one cell never changes the next one's answer.
 */

type Who = 'anonymous' | 'member' | 'asking' | 'linked' | 'referent' | 'admin';
const WHO: Who[] = ['anonymous', 'member', 'asking', 'linked', 'referent', 'admin'];

interface Cell {
  route: string;
  method: Method;
  path: (slug: string, requester: string) => string;
  body?: object;
  headers?: Record<string, string>;
  /** Done as an admin before the request, on the cell's fresh organisation. */
  setup?: (slug: string) => Promise<void>;
  /** The status each kind of person gets. */
  expected: Record<Who, number>;
}

const everyone = (status: number): Record<Who, number> => ({
  anonymous: status,
  member: status,
  asking: status,
  linked: status,
  referent: status,
  admin: status,
});
const managers = (ok: number): Record<Who, number> => ({
  anonymous: 401,
  member: 403,
  asking: 403,
  linked: 403,
  referent: ok,
  admin: ok,
});
const signedIn = (ok: number): Record<Who, number> => ({ ...everyone(ok), anonymous: 401 });

let created = 0;
/** A logo's multipart body, made once in beforeAll. */
let logo: ReturnType<typeof multipart>;
const withLogo = async (slug: string) => {
  const response = await request(ctx, people.admin, 'PUT', `/api/organisations/${slug}/logo`, logo.payload, {
    'content-type': logo.contentType,
  });
  expect(response.statusCode, response.body).toBe(200);
};

const CELLS: Cell[] = [
  { route: 'GET /api/organisations', method: 'GET', path: () => '/api/organisations', expected: everyone(200) },
  {
    route: 'GET /api/organisations/:slug',
    method: 'GET',
    path: (slug) => `/api/organisations/${slug}`,
    expected: everyone(200),
  },
  {
    route: 'POST /api/organisations',
    method: 'POST',
    path: () => '/api/organisations',
    get body() {
      created += 1;
      return { name: `Organisation de la matrice ${created}`, kind: 'media' };
    },
    expected: { ...managers(403), anonymous: 401, admin: 201 },
  },
  {
    route: 'PATCH /api/organisations/:slug',
    method: 'PATCH',
    path: (slug) => `/api/organisations/${slug}`,
    body: { presentation: 'Revue par la matrice.' },
    expected: managers(200),
  },
  {
    route: 'POST /api/organisations/:slug/affiliation',
    method: 'POST',
    path: (slug) => `/api/organisations/${slug}/affiliation`,
    expected: signedIn(200),
  },
  {
    route: 'DELETE /api/organisations/:slug/affiliation',
    method: 'DELETE',
    path: (slug) => `/api/organisations/${slug}/affiliation`,
    expected: signedIn(204),
  },
  ...(['confirm', 'decline'] as const).map(
    (decision): Cell => ({
      route: `POST /api/organisations/:slug/affiliations/:userId/${decision}`,
      method: 'POST',
      path: (slug, requester) => `/api/organisations/${slug}/affiliations/${requester}/${decision}`,
      expected: managers(200),
    }),
  ),
  {
    route: 'PUT /api/organisations/:slug/referents/:userId',
    method: 'PUT',
    path: (slug) => `/api/organisations/${slug}/referents/${people.linked.id}`,
    expected: managers(200),
  },
  {
    // A referent may step down themselves; anyone else who is no manager may not remove them.
    route: 'DELETE /api/organisations/:slug/referents/:userId',
    method: 'DELETE',
    path: (slug) => `/api/organisations/${slug}/referents/${people.referent.id}`,
    expected: managers(200),
  },
  {
    route: 'PUT /api/organisations/:slug/logo',
    method: 'PUT',
    path: (slug) => `/api/organisations/${slug}/logo`,
    get body() {
      return logo.payload;
    },
    get headers() {
      return { 'content-type': logo.contentType };
    },
    expected: managers(200),
  },
  {
    route: 'DELETE /api/organisations/:slug/logo',
    method: 'DELETE',
    path: (slug) => `/api/organisations/${slug}/logo`,
    setup: withLogo,
    expected: managers(200),
  },
  {
    route: 'GET /api/organisations/:slug/logo',
    method: 'GET',
    path: (slug) => `/api/organisations/${slug}/logo`,
    setup: withLogo,
    expected: everyone(200),
  },
];

let ctx: TestContext;
let dataDir: Awaited<ReturnType<typeof tempDataDir>>;
const people = {} as Record<Exclude<Who, 'anonymous'>, TestPerson>;

beforeAll(async () => {
  dataDir = await tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir.path });
  logo = multipart([
    { name: 'file', filename: 'logo.png', contentType: 'image/png', content: await samples.png(64, 64) },
  ]);
  for (const who of ['member', 'asking', 'linked', 'referent'] as const) people[who] = await createPerson(ctx);
  people.admin = await createPerson(ctx, { role: 'admin' });
});
afterAll(async () => {
  await ctx?.close();
  await dataDir?.remove();
});

let organisations = 0;
/** A fresh organisation where `asking` asked to be linked, `linked` and `referent` are, and someone else asks. */
async function freshOrganisation() {
  organisations += 1;
  const { db } = ctx.database;
  const row = await db
    .insertInto('organisations')
    .values({ slug: `matrice-${organisations}`, name: `Matrice ${organisations}`, kind: 'reseau' })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
  const requester = await createPerson(ctx);
  const links = [
    { user_id: people.asking.id, status: 'pending' as const, referent: false },
    { user_id: people.linked.id, status: 'confirmed' as const, referent: false },
    { user_id: people.referent.id, status: 'confirmed' as const, referent: true },
    { user_id: requester.id, status: 'pending' as const, referent: false },
  ];
  await db
    .insertInto('organisation_members')
    .values(links.map((link) => ({ ...link, organisation_id: row.id })))
    .execute();
  return { slug: row.slug, requester: requester.id };
}

describe('organisations access matrix', () => {
  for (const cell of CELLS) {
    it(cell.route, async () => {
      const answers: Record<string, number> = {};
      for (const who of WHO) {
        const { slug, requester } = await freshOrganisation();
        await cell.setup?.(slug);
        const person = who === 'anonymous' ? null : people[who];
        const response = await request(ctx, person, cell.method, cell.path(slug, requester), cell.body, cell.headers);
        answers[who] = response.statusCode;
      }
      expect(answers).toEqual(cell.expected);
    });
  }

  it('covers every organisations route of the router', () => {
    const routes = routerTable(ctx.app).filter(
      (route) => route.includes(' /api/organisations') && !route.startsWith('HEAD '),
    );
    expect(routes.sort()).toEqual(CELLS.map((cell) => cell.route).sort());
  });
});
