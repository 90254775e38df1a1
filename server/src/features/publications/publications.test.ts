import { PublicationListSchema, PublicationResponseSchema } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { appendParagraph } from '../../test/collab';
import { createDocument } from '../../test/factories/documents';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { upload } from '../../test/factories/resources';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { samples, tempDataDir } from '../../test/files';
import { request } from '../../test/http';
import { changeContent } from '../documents/documents.service';

/**
 * The commons as people meet it: an animateur·ice publishes a named version of a document (as
 * it was, never the live draft), a file or a link of a members-only chantier; anyone, without
 * an account, finds it in the catalogue by theme, kind or words, reads it, downloads the file.
 */

let ctx: TestContext;
let dataDir: Awaited<ReturnType<typeof tempDataDir>>;
let animatrice: TestPerson;
let membre: TestPerson;
let space: { id: string; slug: string };

beforeAll(async () => {
  dataDir = await tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir.path });
  animatrice = await createPerson(ctx, { displayName: 'Anaïs Animatrice' });
  membre = await createPerson(ctx, { displayName: 'Mathis Membre' });
  space = await createSpace(ctx.database.db, {
    visibility: 'members',
    joinPolicy: 'request',
    title: 'Chantier récits',
    slug: 'chantier-recits',
  });
  await addMembership(ctx.database.db, space.id, animatrice.id, { role: 'animateur' });
  await addMembership(ctx.database.db, space.id, membre.id);
});
afterAll(async () => {
  await ctx?.close();
  await dataDir?.remove();
});

const write = (documentId: string, text: string) =>
  changeContent(
    { db: ctx.database.db },
    { documentId, actorId: animatrice.id, change: (d) => appendParagraph(d, text) },
  );

async function namedVersion(text: string) {
  const documentId = await createDocument(ctx, animatrice, space.slug, 'Guide de la mise en récits');
  await write(documentId, text);
  const saved = await request(ctx, animatrice, 'POST', `/api/documents/${documentId}/versions`, { name: 'v1' });
  return { documentId, versionId: saved.json().version.id as string };
}

const catalogue = async (query = '') => {
  const response = await request(ctx, null, 'GET', `/api/publications${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return PublicationListSchema.parse(response.json());
};

const body = (source: { type: string; id: string }, title = 'Guide de la mise en récits') => ({
  source,
  title,
  kind: 'fiche',
  themes: ['Mettre en trajectoire', 'Raconter la coopération'],
  territories: ['Gruissan'],
  licence: 'CC-BY-SA-4.0',
  summary: 'Cinq dimensions pour raconter une transition.',
});

describe('publishing to the commons', () => {
  it('publishes a named version as it was; the live draft stays in the chantier', async () => {
    const { documentId, versionId } = await namedVersion('Mettre en trajectoire, pas à pas.');
    expect(
      (await request(ctx, membre, 'POST', '/api/publications', body({ type: 'document_version', id: versionId })))
        .statusCode,
    ).toBe(403);
    expect(
      (await request(ctx, null, 'POST', '/api/publications', body({ type: 'document_version', id: versionId })))
        .statusCode,
    ).toBe(401);

    const published = await request(
      ctx,
      animatrice,
      'POST',
      '/api/publications',
      body({ type: 'document_version', id: versionId }),
    );
    expect(published.statusCode, published.body).toBe(201);
    const { publication } = PublicationResponseSchema.parse(published.json());
    expect(publication).toMatchObject({
      kind: 'fiche',
      licence: 'CC-BY-SA-4.0',
      sourceType: 'document_version',
      space: { slug: 'chantier-recits', title: 'Chantier récits' },
      canWithdraw: true,
    });
    expect(publication.html).toContain('Mettre en trajectoire, pas à pas.');

    await write(documentId, 'Brouillon qui ne doit pas sortir.');
    const read = PublicationResponseSchema.parse(
      (await request(ctx, null, 'GET', `/api/publications/${publication.id}`)).json(),
    );
    expect(read.publication.html).toContain('pas à pas');
    expect(read.publication.html).not.toContain('Brouillon');
    expect(read.publication.canWithdraw).toBe(false);

    const again = await request(
      ctx,
      animatrice,
      'POST',
      '/api/publications',
      body({ type: 'document_version', id: versionId }),
    );
    expect(again.statusCode).toBe(409);
  });

  it('is found by anyone by theme, kind and words, accents and case ignored', async () => {
    expect((await catalogue('?theme=cooperation')).items.map((item) => item.title)).toEqual([
      'Guide de la mise en récits',
    ]);
    expect((await catalogue('?kind=podcast')).total).toBe(0);
    expect((await catalogue('?q=trajectoire')).total).toBe(1);
    expect((await catalogue('?q=brouillon')).total).toBe(0);
    expect((await catalogue(`?q=${encodeURIComponent("'; drop table publications; --")}`)).total).toBe(0);
    expect((await request(ctx, null, 'GET', '/api/publications?cursor=bm9wZQ')).statusCode).toBe(400);
  });

  it('publishes a file, which anyone then downloads, and a link', async () => {
    const pdf = samples.pdf();
    const uploaded = await upload(ctx, animatrice, space.slug, {
      filename: 'recueil.pdf',
      content: pdf,
      contentType: 'application/pdf',
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const fileId = uploaded.json().file.id as string;
    expect((await request(ctx, null, 'GET', `/api/files/${fileId}/download`)).statusCode).toBe(401);
    const published = await request(
      ctx,
      animatrice,
      'POST',
      '/api/publications',
      body({ type: 'file', id: fileId }, 'Recueil'),
    );
    expect(published.statusCode, published.body).toBe(201);
    const { publication } = PublicationResponseSchema.parse(published.json());
    expect(publication.file).toMatchObject({ name: 'recueil.pdf', mimeType: 'application/pdf' });
    const download = await request(ctx, null, 'GET', `/api/publications/${publication.id}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(Buffer.from(pdf))).toBe(true);

    const link = await request(ctx, animatrice, 'POST', `/api/spaces/${space.slug}/links`, {
      url: 'https://podcast.exemple.fr/episode-1',
      title: 'Les analyses sensibles',
    });
    expect(link.statusCode, link.body).toBe(201);
    const podcast = await request(ctx, animatrice, 'POST', '/api/publications', {
      ...body({ type: 'link', id: link.json().link.id }, 'Les analyses sensibles'),
      kind: 'podcast',
    });
    expect(PublicationResponseSchema.parse(podcast.json()).publication.url).toBe(
      'https://podcast.exemple.fr/episode-1',
    );
    expect((await catalogue('?kind=podcast')).total).toBe(1);
  });

  it('refuses an auto version, an unknown source and bad fields, creating nothing', async () => {
    const before = (await catalogue()).total;
    const missing = await request(
      ctx,
      animatrice,
      'POST',
      '/api/publications',
      body({ type: 'file', id: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(missing.statusCode).toBe(404);
    const { versionId } = await namedVersion('Texte');
    for (const bad of [
      { licence: 'WTFPL' },
      { kind: 'tract' },
      { themes: Array.from({ length: 13 }, (_, i) => `thème ${i}`) },
      { title: '' },
      { source: { type: 'document', id: versionId } },
    ]) {
      const response = await request(ctx, animatrice, 'POST', '/api/publications', {
        ...body({ type: 'document_version', id: versionId }),
        ...bad,
      });
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await catalogue()).total).toBe(before);
  });

  it('pages through publications made in one transaction, none skipped nor repeated', async () => {
    const { db } = ctx.database;
    const links = await db
      .insertInto('links')
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          space_id: space.id,
          url: `https://exemple.fr/lot/${i}`,
          title: `Lot ${i}`,
          created_by: animatrice.id,
        })),
      )
      .returning('id')
      .execute();
    // One statement: every row has the same `now()`, to the microsecond.
    await db
      .insertInto('publications')
      .values(
        links.map((link, i) => ({
          space_id: space.id,
          source_type: 'link' as const,
          source_id: link.id,
          title: `Lot ${i}`,
          kind: 'fiche' as const,
          themes: ['lot de fiches'],
          licence: 'CC-BY-4.0',
          html: null,
          url: `https://exemple.fr/lot/${i}`,
          published_by: animatrice.id,
        })),
      )
      .execute();
    const first = await catalogue('?theme=lot');
    expect([first.total, first.items.length]).toEqual([30, 24]);
    const second = await catalogue(`?theme=lot&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(6);
    expect(new Set([...first.items, ...second.items].map((item) => item.id)).size).toBe(30);
    expect(second.nextCursor).toBeNull();
  });

  it('is withdrawn by the space’s animateur·ice; the source stays', async () => {
    const [first] = (await catalogue('?kind=podcast')).items;
    expect((await request(ctx, membre, 'DELETE', `/api/publications/${first?.id}`)).statusCode).toBe(403);
    expect((await request(ctx, animatrice, 'DELETE', `/api/publications/${first?.id}`)).statusCode).toBe(204);
    expect((await request(ctx, null, 'GET', `/api/publications/${first?.id}`)).statusCode).toBe(404);
    expect((await catalogue('?kind=podcast')).total).toBe(0);
  });
});
