import { createCommentThread, createDocument, sampleAnchor } from '../factories/documents';
import { request } from '../http';
import { byAnimateurs, byMembers, byReaders, defineMatrix, type MatrixRoute } from '../matrix';

/**
 * The comment routes of documents. Each case's space holds a document the member wrote, with
 * an open thread the member started and answered, a resolved one, and a lone thread the
 * animateur·ice started. Readers read them; members (readers or editors alike) and admins
 * write; the member, as the author and an editor, resolves; a lone thread of someone else is
 * deleted by those who run the space only.
 */

interface Fixture {
  documentId: string;
  threadId: string;
  replyId: string;
  resolvedId: string;
  animateurThreadId: string;
}

const document = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.documentId });
const thread = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.threadId });

const routes: MatrixRoute<Fixture>[] = [
  { method: 'GET', path: '/api/documents/:id/comments', params: document, expect: byReaders(200) },
  {
    method: 'POST',
    path: '/api/documents/:id/comments',
    params: document,
    body: () => ({ body: 'Peut-on préciser ce passage ?', anchor: sampleAnchor('ce passage') }),
    expect: byMembers(201),
  },
  {
    method: 'POST',
    path: '/api/comments/:id/replies',
    params: thread,
    body: () => ({ body: 'Je m’en occupe.' }),
    expect: byMembers(201),
  },
  { method: 'POST', path: '/api/comments/:id/resolve', params: thread, expect: byMembers(200) },
  {
    method: 'POST',
    path: '/api/comments/:id/reopen',
    params: ({ fixture }) => ({ id: fixture.resolvedId }),
    expect: byMembers(200),
  },
  {
    method: 'DELETE',
    path: '/api/comments/:id',
    note: "the member's reply",
    params: ({ fixture }) => ({ id: fixture.replyId }),
    expect: byMembers(204),
  },
  {
    method: 'DELETE',
    path: '/api/comments/:id',
    note: "the animateur's lone thread",
    params: ({ fixture }) => ({ id: fixture.animateurThreadId }),
    expect: byAnimateurs(204),
  },
];

export const commentsMatrix = defineMatrix<Fixture>({
  name: 'document comment routes × people × visibility',
  actors: ['anonymous', 'outsider', 'member', 'animateur', 'admin'],
  setup: async ({ ctx, people, space }) => {
    const documentId = await createDocument(ctx, people.member, space.slug, 'Feuille de route');
    const open = await createCommentThread(ctx, people.member, documentId, 'À reformuler ?');
    const replied = await request(ctx, people.member, 'POST', `/api/comments/${open.id}/replies`, {
      body: 'Proposition ci-dessous.',
    });
    if (replied.statusCode !== 201) throw new Error(`reply failed: ${replied.statusCode} ${replied.body}`);
    const resolved = await createCommentThread(ctx, people.member, documentId, 'Réglé en séance');
    const done = await request(ctx, people.member, 'POST', `/api/comments/${resolved.id}/resolve`);
    if (done.statusCode !== 200) throw new Error(`resolve failed: ${done.statusCode} ${done.body}`);
    const lone = await createCommentThread(ctx, people.animateur, documentId, 'Une remarque');
    return {
      documentId,
      threadId: open.id,
      replyId: replied.json().comment.id,
      resolvedId: resolved.id,
      animateurThreadId: lone.id,
    };
  },
  routes,
  tables: ['document_comments', 'realtime_rooms', 'realtime_events', 'realtime_payloads', 'idempotency_keys'],
});
