import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { insertFile } from '../../features/resources/resources.queries';
import { createThread } from '../factories/discussions';
import { createDocument } from '../factories/documents';
import { createPerson } from '../factories/people';
import { addMembership } from '../factories/spaces';
import { byAnimateurs, bySignedInReaders, defineMatrix, everyone, type MatrixRoute, spaceSlug } from '../matrix';

/**
 * Flags, the moderation queues, decisions and blocking. Each case's space holds a post, a
 * document and a file by an author who is none of the actors, and an open flag on the post
 * by another member. Flagging is for signed-in readers; the space's queue and its decisions
 * for its animateur·ices and admins; the whole queue for admins; blocking for anyone signed in.
 */

interface Fixture {
  authorId: string;
  postId: string;
  documentId: string;
  fileId: string;
  flagId: string;
}

const flagBody = () => ({ reason: 'charter', note: 'Hors charte' });
const signedIn = (ok: number) => everyone([401, ok, ok, ok, ok]);

const routes: MatrixRoute<Fixture>[] = [
  {
    method: 'POST',
    path: '/api/posts/:id/flags',
    params: (c) => ({ id: c.fixture.postId }),
    body: flagBody,
    expect: bySignedInReaders(201),
  },
  {
    method: 'POST',
    path: '/api/documents/:id/flags',
    params: (c) => ({ id: c.fixture.documentId }),
    body: flagBody,
    expect: bySignedInReaders(201),
  },
  {
    method: 'POST',
    path: '/api/files/:id/flags',
    params: (c) => ({ id: c.fixture.fileId }),
    body: flagBody,
    expect: bySignedInReaders(201),
  },
  {
    method: 'GET',
    path: '/api/spaces/:slug/moderation',
    params: spaceSlug,
    expect: byAnimateurs(200),
    check: (response, c) => {
      expect(response.json().items).toEqual([
        expect.objectContaining({ targetType: 'post', targetId: c.fixture.postId, flagId: c.fixture.flagId }),
      ]);
    },
  },
  {
    method: 'GET',
    path: '/api/admin/moderation',
    expect: everyone([401, 403, 403, 403, 200]),
    check: (response, c) => {
      const ids = (response.json().items as { flagId: string }[]).map((item) => item.flagId);
      expect(ids).toContain(c.fixture.flagId);
    },
  },
  {
    method: 'POST',
    path: '/api/flags/:id/decision',
    params: (c) => ({ id: c.fixture.flagId }),
    body: () => ({ decision: 'hide', note: 'Merci de relire la charte.' }),
    expect: byAnimateurs(200),
  },
  { method: 'PUT', path: '/api/users/:id/block', params: (c) => ({ id: c.fixture.authorId }), expect: signedIn(200) },
  {
    method: 'DELETE',
    path: '/api/users/:id/block',
    params: (c) => ({ id: c.fixture.authorId }),
    expect: signedIn(200),
  },
  { method: 'GET', path: '/api/me/blocks', expect: signedIn(200) },
];

export const moderationMatrix = defineMatrix<Fixture>({
  name: 'moderation routes × people × visibility',
  actors: ['anonymous', 'outsider', 'member', 'animateur', 'admin'],
  setup: async ({ ctx, db, space }) => {
    const author = await createPerson(ctx);
    const flagger = await createPerson(ctx);
    await addMembership(db, space.id, author.id);
    await addMembership(db, space.id, flagger.id);
    const { post } = await createThread(ctx, author, space.slug, { title: 'Un fil signalé' });
    const documentId = await createDocument(ctx, author, space.slug, 'Un document');
    const fileId = randomUUID();
    await insertFile(db, {
      id: fileId,
      spaceId: space.id,
      uploadedBy: author.id,
      name: 'affiche.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 10,
      storageKey: `test/${fileId}`,
      sha256: 'a'.repeat(64),
      hasPreview: false,
    });
    const flag = await db
      .insertInto('flags')
      .values({ target_type: 'post', target_id: post.id, space_id: space.id, flagged_by: flagger.id, reason: 'abuse' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { authorId: author.id, postId: post.id, documentId, fileId, flagId: flag.id };
  },
  routes,
  tables: ['flags', 'posts', 'notifications', 'mail_outbox', 'user_blocks', 'documents', 'files', 'audit_log'],
});
