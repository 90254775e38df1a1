import type { TestContext } from '../app';
import type { TestPerson } from '../factories/people';
import { upload } from '../factories/resources';
import { filesUnder, samples, tempDataDir } from '../files';
import { byAnimateurs, byMembers, byReaders, defineMatrix, type MatrixRoute, spaceSlug } from '../matrix';

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

const memberFile = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.memberFileId });

const routes: MatrixRoute<Fixture>[] = [
  { method: 'GET', path: '/api/spaces/:slug/resources', params: spaceSlug, expect: byReaders(200) },
  {
    method: 'POST',
    path: '/api/spaces/:slug/files',
    params: spaceSlug,
    multipart: () => [{ name: 'file', filename: 'compte-rendu.pdf', content: samples.pdf() }],
    expect: byMembers(201),
  },
  { method: 'GET', path: '/api/files/:id/download', params: memberFile, expect: byReaders(200) },
  { method: 'GET', path: '/api/files/:id/preview', params: memberFile, expect: byReaders(200) },
  { method: 'DELETE', path: '/api/files/:id', note: "the member's file", params: memberFile, expect: byMembers(204) },
  {
    method: 'DELETE',
    path: '/api/files/:id',
    note: "the animateur's file",
    params: (c) => ({ id: c.fixture.animateurFileId }),
    expect: byAnimateurs(204),
  },
  {
    method: 'POST',
    path: '/api/spaces/:slug/links',
    params: spaceSlug,
    body: () => ({ url: 'https://exemple.fr/podcast', title: 'Un podcast' }),
    expect: byMembers(201),
  },
  {
    method: 'DELETE',
    path: '/api/links/:id',
    note: "the member's link",
    params: (c) => ({ id: c.fixture.linkId }),
    expect: byMembers(204),
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
