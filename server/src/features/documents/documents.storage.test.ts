import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson, createSpaceRow } from '../spaces/spaces.fixtures';
import { plainTextOf } from './documents.content';
import { appendParagraph, paragraphs } from './documents.fixtures';
import { createDocument } from './documents.service';
import { appendUpdate, compactDocument, loadStoredContent, loadStoredDoc, storedBytes } from './documents.storage';

describe('document storage', () => {
  let ctx: TestContext;
  let documentId: string;

  beforeAll(async () => {
    ctx = await createTestApp();
    const author = await createPerson(ctx);
    const space = await createSpaceRow(ctx.database.db, { visibility: 'members', joinPolicy: 'request' });
    documentId = (
      await createDocument({ db: ctx.database.db }, { spaceId: space.id, title: 'Journal', authorId: author.id })
    ).id;
  });
  afterAll(async () => ctx?.close());

  it('appends increments, folds them into a snapshot close to encodeStateAsUpdate, and keeps the content', async () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 150; i++) {
      const before = Y.encodeStateVector(doc);
      appendParagraph(doc, `Entrée ${i}`);
      if (i % 3 === 0) doc.getXmlFragment('default').delete(0, 1);
      const pending = await appendUpdate(ctx.database.db, {
        documentId,
        update: Y.encodeStateAsUpdate(doc, before),
        plainText: plainTextOf(doc),
        editorId: null,
        at: new Date(),
      });
      expect(pending).toBe(i + 1);
    }
    expect((await loadStoredContent(ctx.database.db, documentId))?.pendingUpdates).toBe(150);
    const uncompacted = await storedBytes(ctx.database.db, documentId);

    await compactDocument(ctx.database.db, documentId);

    const content = await loadStoredContent(ctx.database.db, documentId);
    expect(content?.pendingUpdates).toBe(0);
    const stored = await loadStoredDoc(ctx.database.db, documentId);
    if (!stored) throw new Error('no stored document');
    expect(paragraphs(stored)).toEqual(paragraphs(doc));
    const compacted = await storedBytes(ctx.database.db, documentId);
    expect(compacted).toBeLessThan(uncompacted);
    expect(compacted).toBeLessThanOrEqual(2 * Y.encodeStateAsUpdate(doc).byteLength);

    // Later increments go on top of the snapshot.
    const before = Y.encodeStateVector(doc);
    appendParagraph(doc, 'Après compaction');
    await appendUpdate(ctx.database.db, {
      documentId,
      update: Y.encodeStateAsUpdate(doc, before),
      plainText: plainTextOf(doc),
      editorId: null,
      at: new Date(),
    });
    const reloaded = await loadStoredDoc(ctx.database.db, documentId);
    expect(reloaded && paragraphs(reloaded)).toEqual(paragraphs(doc));
  });

  it('answers undefined for an unknown document', async () => {
    expect(await loadStoredContent(ctx.database.db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
