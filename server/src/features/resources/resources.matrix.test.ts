import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { upload } from '../../test/factories/resources';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { filesUnder, multipart, samples, tempDataDir } from '../../test/files';

/**
 * The authorisation matrix of resources: every route × every kind of person × every
 * visibility. Each case runs on a fresh space where the member shared an image and a link and
 * the animateur·ice a file, so cases never depend on each other. A refused request must
 * leave the tables and the stored files as they were.
 */

const ACTORS = ['anonymous', 'outsider', 'member', 'animateur', 'admin'] as const;
type ActorName = (typeof ACTORS)[number];
const VISIBILITIES = ['public', 'members', 'private'] as const;
type Visibility = (typeof VISIBILITIES)[number];
const JOIN_POLICY = { public: 'open', members: 'request', private: 'invite' } as const;

interface Fixture {
  slug: string;
  memberFileId: string;
  animateurFileId: string;
  linkId: string;
}

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  url(f: Fixture): string;
  /** JSON body, or `upload` for a multipart PDF. */
  payload?: object | 'upload';
  expect: Record<Visibility, readonly number[]>;
}

/** Reading: everyone in public spaces, members and admins elsewhere; private spaces stay hidden. */
const read = (ok: number) => ({
  public: [ok, ok, ok, ok, ok],
  members: [401, 403, ok, ok, ok],
  private: [404, 404, ok, ok, ok],
});
/** Adding, and removing what one shared: members and admins (animateur·ices run the space). */
const write = (ok: number) => ({
  public: [401, 403, ok, ok, ok],
  members: [401, 403, ok, ok, ok],
  private: [401, 404, ok, ok, ok],
});
/** Removing what someone else shared: animateur·ices and admins only. */
const moderate = (ok: number) => ({
  public: [401, 403, 403, ok, ok],
  members: [401, 403, 403, ok, ok],
  private: [401, 404, 403, ok, ok],
});

const ROUTES: Route[] = [
  {
    name: 'GET /spaces/:slug/resources',
    method: 'GET',
    url: (f) => `/api/spaces/${f.slug}/resources`,
    expect: read(200),
  },
  {
    name: 'POST /spaces/:slug/files',
    method: 'POST',
    url: (f) => `/api/spaces/${f.slug}/files`,
    payload: 'upload',
    expect: write(201),
  },
  {
    name: 'GET /files/:id/download',
    method: 'GET',
    url: (f) => `/api/files/${f.memberFileId}/download`,
    expect: read(200),
  },
  {
    name: 'GET /files/:id/preview',
    method: 'GET',
    url: (f) => `/api/files/${f.memberFileId}/preview`,
    expect: read(200),
  },
  {
    name: "DELETE /files/:id (the member's file)",
    method: 'DELETE',
    url: (f) => `/api/files/${f.memberFileId}`,
    expect: write(204),
  },
  {
    name: "DELETE /files/:id (the animateur's file)",
    method: 'DELETE',
    url: (f) => `/api/files/${f.animateurFileId}`,
    expect: moderate(204),
  },
  {
    name: 'POST /spaces/:slug/links',
    method: 'POST',
    url: (f) => `/api/spaces/${f.slug}/links`,
    payload: { url: 'https://exemple.fr/podcast', title: 'Un podcast' },
    expect: write(201),
  },
  {
    name: "DELETE /links/:id (the member's link)",
    method: 'DELETE',
    url: (f) => `/api/links/${f.linkId}`,
    expect: write(204),
  },
];

const REFUSAL_CODES: Record<number, string> = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' };

let ctx: TestContext;
let dataDir: Awaited<ReturnType<typeof tempDataDir>>;
let people: Record<Exclude<ActorName, 'anonymous'>, TestPerson>;
let png: Buffer;
const db = () => ctx.database.db;

beforeAll(async () => {
  dataDir = await tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir.path });
  png = await samples.png(64, 48);
  people = {
    outsider: await createPerson(ctx),
    member: await createPerson(ctx),
    animateur: await createPerson(ctx),
    admin: await createPerson(ctx, { role: 'admin' }),
  };
});
afterAll(async () => {
  await ctx.close();
  await dataDir.remove();
});

async function sharedFile(person: TestPerson, slug: string, filename: string, content: Buffer) {
  const response = await upload(ctx, person, slug, { filename, content });
  if (response.statusCode !== 201) throw new Error(`upload failed: ${response.statusCode} ${response.body}`);
  return response.json().file.id as string;
}

async function fixture(visibility: Visibility): Promise<Fixture> {
  const space = await createSpace(db(), { visibility, joinPolicy: JOIN_POLICY[visibility] });
  await addMembership(db(), space.id, people.member.id);
  await addMembership(db(), space.id, people.animateur.id, { role: 'animateur' });
  const memberFileId = await sharedFile(people.member, space.slug, 'photo.png', png);
  const animateurFileId = await sharedFile(people.animateur, space.slug, 'programme.pdf', samples.pdf());
  const link = await ctx.app.inject({
    method: 'POST',
    url: `/api/spaces/${space.slug}/links`,
    headers: people.member.headers,
    payload: { url: 'https://exemple.fr/video', title: 'Une vidéo' },
  });
  return { slug: space.slug, memberFileId, animateurFileId, linkId: link.json().link.id };
}

async function state() {
  const [files, links, disk] = await Promise.all([
    db().selectFrom('files').selectAll().orderBy('id').execute(),
    db().selectFrom('links').selectAll().orderBy('id').execute(),
    filesUnder(dataDir.path),
  ]);
  return { files, links, disk: disk.sort() };
}

describe.each(ROUTES)('$name', (route) => {
  describe.each(VISIBILITIES)('in a %s space', (visibility) => {
    it.each(ACTORS.map((actor, index) => [actor, route.expect[visibility][index] as number] as const))(
      '%s → %i',
      async (actor, status) => {
        const f = await fixture(visibility);
        const person = actor === 'anonymous' ? null : people[actor];
        const headers = { ...(person?.headers ?? {}) };
        const before = await state();
        let response: Awaited<ReturnType<typeof ctx.app.inject>>;
        if (route.payload === 'upload') {
          response = await upload(ctx, person, f.slug, { filename: 'compte-rendu.pdf', content: samples.pdf() });
        } else {
          response = await ctx.app.inject({
            method: route.method,
            url: route.url(f),
            headers,
            ...(route.payload ? { payload: route.payload } : {}),
          });
        }
        expect(response.statusCode, response.body).toBe(status);
        if (status >= 400) {
          expect(response.json().error.code).toBe(REFUSAL_CODES[status]);
          expect(await state()).toEqual(before);
        }
      },
    );
  });
});

describe('archived spaces', () => {
  it('are kept for reading: no uploads or links, downloads still work', async () => {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
    await addMembership(db(), space.id, people.member.id);
    const fileId = await sharedFile(people.member, space.slug, 'avant.pdf', samples.pdf());
    await db().updateTable('spaces').set({ status: 'archived' }).where('id', '=', space.id).execute();
    expect(
      (await upload(ctx, people.member, space.slug, { filename: 'x.pdf', content: samples.pdf() })).statusCode,
    ).toBe(403);
    const link = await ctx.app.inject({
      method: 'POST',
      url: `/api/spaces/${space.slug}/links`,
      headers: people.member.headers,
      payload: { url: 'https://exemple.fr', title: 'Lien' },
    });
    expect(link.statusCode).toBe(403);
    const download = await ctx.app.inject({
      method: 'GET',
      url: `/api/files/${fileId}/download`,
      headers: people.member.headers,
    });
    expect(download.statusCode).toBe(200);
  });
});

describe('cross-site requests', () => {
  it('refuse an upload without the CSRF token before reading the file', async () => {
    const space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
    await addMembership(db(), space.id, people.member.id);
    const body = multipart([{ name: 'file', filename: 'x.pdf', content: samples.pdf() }]);
    const before = await state();
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/spaces/${space.slug}/files`,
      headers: { cookie: people.member.headers.cookie as string, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_failed');
    expect(await state()).toEqual(before);
  });
});
