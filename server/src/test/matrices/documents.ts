import { appendParagraph } from '../collab';
import { createDocument } from '../factories/documents';
import { request } from '../http';
import { byAnimateurs, byMembers, byReaders, defineMatrix, type MatrixRoute, spaceSlug } from '../matrix';

/**
 * The document routes (metadata, text, exports, versions; the content itself syncs on
 * `/collab`, whose access is tested with the collab server). Each case's space holds a
 * document the member wrote, with a paragraph and a named version, and one the
 * animateur·ice created.
 */

interface Fixture {
  memberDocumentId: string;
  animateurDocumentId: string;
  versionId: string;
}

const memberDocument = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.memberDocumentId });
const version = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.memberDocumentId, versionId: fixture.versionId });

const routes: MatrixRoute<Fixture>[] = [
  {
    method: 'POST',
    path: '/api/spaces/:slug/documents',
    params: spaceSlug,
    body: () => ({ title: 'Compte rendu' }),
    expect: byMembers(201),
  },
  { method: 'GET', path: '/api/spaces/:slug/documents', params: spaceSlug, expect: byReaders(200) },
  { method: 'GET', path: '/api/documents/:id', params: memberDocument, expect: byReaders(200) },
  {
    method: 'PATCH',
    path: '/api/documents/:id',
    params: memberDocument,
    body: () => ({ title: 'Feuille de route validée' }),
    expect: byMembers(200),
  },
  { method: 'GET', path: '/api/documents/:id/text', params: memberDocument, expect: byReaders(200) },
  {
    method: 'GET',
    path: '/api/documents/:id/export',
    params: memberDocument,
    query: () => ({ format: 'markdown' }),
    expect: byReaders(200),
  },
  { method: 'GET', path: '/api/documents/:id/versions', params: memberDocument, expect: byReaders(200) },
  {
    method: 'POST',
    path: '/api/documents/:id/versions',
    params: memberDocument,
    body: () => ({ name: 'version de la séance' }),
    expect: byMembers(201),
  },
  { method: 'GET', path: '/api/documents/:id/versions/:versionId', params: version, expect: byReaders(200) },
  {
    method: 'POST',
    path: '/api/documents/:id/versions/:versionId/restore',
    params: version,
    expect: byMembers(201),
  },
  {
    method: 'DELETE',
    path: '/api/documents/:id',
    note: "the member's document",
    params: memberDocument,
    expect: byMembers(204),
  },
  {
    method: 'DELETE',
    path: '/api/documents/:id',
    note: "the animateur's document",
    params: (c) => ({ id: c.fixture.animateurDocumentId }),
    expect: byAnimateurs(204),
  },
];

export const documentsMatrix = defineMatrix<Fixture>({
  name: 'document routes × people × visibility',
  actors: ['anonymous', 'outsider', 'member', 'animateur', 'admin'],
  setup: async ({ ctx, people, space }) => {
    const memberDocumentId = await createDocument(ctx, people.member, space.slug, 'Feuille de route');
    await ctx.app.collab.change(memberDocumentId, people.member.id, (doc) =>
      appendParagraph(doc, 'Première rédaction'),
    );
    const saved = await request(ctx, people.member, 'POST', `/api/documents/${memberDocumentId}/versions`, {
      name: 'version validée en chantier',
    });
    if (saved.statusCode !== 201) throw new Error(`version failed: ${saved.statusCode} ${saved.body}`);
    const animateurDocumentId = await createDocument(ctx, people.animateur, space.slug, 'Programme');
    return { memberDocumentId, animateurDocumentId, versionId: saved.json().version.id };
  },
  routes,
  tables: ['documents', 'document_updates', 'document_versions'],
});
