import type { TestContext } from '../app';
import type { TestPerson } from '../factories/people';
import { upload } from '../factories/resources';
import { filesUnder, samples, tempDataDir } from '../files';
import { defineMatrix, type MatrixRoute } from '../matrix';

/**
 * The resource routes. Each case's space holds an image and a link the member shared and a
 * file the animateur·ice shared; the app stores files in a data directory of its own, which a
 * refusal must leave as it was too.
 */

interface Fixture {
  memberFileId: string;
  animateurFileId: string;
  linkId: string;
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

const slug = ({ space }: { space: { slug: string } }) => ({ slug: space.slug });
const memberFile = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.memberFileId });

const routes: MatrixRoute<Fixture>[] = [
  { method: 'GET', path: '/api/spaces/:slug/resources', params: slug, expect: read(200) },
  {
    method: 'POST',
    path: '/api/spaces/:slug/files',
    params: slug,
    multipart: () => [{ name: 'file', filename: 'compte-rendu.pdf', content: samples.pdf() }],
    expect: write(201),
  },
  { method: 'GET', path: '/api/files/:id/download', params: memberFile, expect: read(200) },
  { method: 'GET', path: '/api/files/:id/preview', params: memberFile, expect: read(200) },
  { method: 'DELETE', path: '/api/files/:id', note: "the member's file", params: memberFile, expect: write(204) },
  {
    method: 'DELETE',
    path: '/api/files/:id',
    note: "the animateur's file",
    params: (c) => ({ id: c.fixture.animateurFileId }),
    expect: moderate(204),
  },
  {
    method: 'POST',
    path: '/api/spaces/:slug/links',
    params: slug,
    body: () => ({ url: 'https://exemple.fr/podcast', title: 'Un podcast' }),
    expect: write(201),
  },
  {
    method: 'DELETE',
    path: '/api/links/:id',
    note: "the member's link",
    params: (c) => ({ id: c.fixture.linkId }),
    expect: write(204),
  },
];

async function sharedFile(ctx: TestContext, person: TestPerson, slug: string, filename: string, content: Buffer) {
  const response = await upload(ctx, person, slug, { filename, content });
  if (response.statusCode !== 201) throw new Error(`upload failed: ${response.statusCode} ${response.body}`);
  return response.json().file.id as string;
}

let png: Promise<Buffer> | undefined;

export const resourcesMatrix = defineMatrix<Fixture>({
  name: 'resource routes × people × visibility',
  actors: ['anonymous', 'outsider', 'member', 'animateur', 'admin'],
  environment: async () => {
    const dataDir = await tempDataDir();
    return {
      env: { DATA_DIR: dataDir.path },
      state: async () => (await filesUnder(dataDir.path)).sort(),
      dispose: dataDir.remove,
    };
  },
  setup: async ({ ctx, people, space }) => {
    png ??= samples.png(64, 48);
    const memberFileId = await sharedFile(ctx, people.member, space.slug, 'photo.png', await png);
    const animateurFileId = await sharedFile(ctx, people.animateur, space.slug, 'programme.pdf', samples.pdf());
    const link = await ctx.app.inject({
      method: 'POST',
      url: `/api/spaces/${space.slug}/links`,
      headers: people.member.headers,
      payload: { url: 'https://exemple.fr/video', title: 'Une vidéo' },
    });
    if (link.statusCode !== 201) throw new Error(`link failed: ${link.statusCode} ${link.body}`);
    return { memberFileId, animateurFileId, linkId: link.json().link.id };
  },
  routes,
  tables: ['files', 'links'],
});
