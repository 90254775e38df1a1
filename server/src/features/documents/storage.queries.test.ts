import { COLLAB_FIELD } from '@atelier/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestApp, type TestContext } from '../../test/app';
import { appendParagraph, paragraphs, typeLongText } from '../../test/collab';
import { createPerson } from '../../test/factories/people';
import { createSpace } from '../../test/factories/spaces';
import { createDocument } from './documents.service';
import {
  appendUpdates,
  compactDocument,
  loadStoredDoc,
  pendingIncrements,
  refreshDerived,
  storedBytes,
} from './storage.queries';

/** Collects the Yjs updates `change` makes to `doc`, one per transaction. */
function updatesOf(doc: Y.Doc, change: () => void): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array) => updates.push(update);
  doc.on('update', collect);
  change();
  doc.off('update', collect);
  return updates;
}

describe('document storage', () => {
  let ctx: TestContext;
  let newDocument: () => Promise<string>;

  beforeAll(async () => {
    ctx = await createTestApp();
    const author = await createPerson(ctx);
    const space = await createSpace(ctx.database.db, { visibility: 'members', joinPolicy: 'request' });
    newDocument = async () =>
      (await createDocument({ db: ctx.database.db }, { spaceId: space.id, title: 'Journal', authorId: author.id })).id;
  });
  afterAll(async () => ctx?.close());

  it('appends increments, folds them into a snapshot close to encodeStateAsUpdate, and keeps the content', async () => {
    const db = ctx.database.db;
    const documentId = await newDocument();
    const doc = new Y.Doc();
    for (let i = 0; i < 150; i++) {
      const updates = updatesOf(doc, () => {
        appendParagraph(doc, `Entrée ${i}`);
        if (i % 3 === 0) doc.getXmlFragment('default').delete(0, 1);
      });
      await appendUpdates(db, documentId, updates);
    }
    expect(await pendingIncrements(db, documentId)).toBe(200);
    const uncompacted = await storedBytes(db, documentId);

    expect(await compactDocument(db, documentId)).toBe(true);

    expect(await pendingIncrements(db, documentId)).toBe(0);
    const stored = await loadStoredDoc(db, documentId);
    if (!stored) throw new Error('no stored document');
    expect(paragraphs(stored)).toEqual(paragraphs(doc));
    const compacted = await storedBytes(db, documentId);
    expect(compacted).toBeLessThan(uncompacted);
    expect(compacted).toBeLessThanOrEqual(2 * Y.encodeStateAsUpdate(doc).byteLength);

    // Later increments go on top of the snapshot.
    await appendUpdates(
      db,
      documentId,
      updatesOf(doc, () => appendParagraph(doc, 'Après compaction')),
    );
    const reloaded = await loadStoredDoc(db, documentId);
    expect(reloaded && paragraphs(reloaded)).toEqual(paragraphs(doc));
  });

  it('refreshes the derived data and counts the increments waiting above the snapshot', async () => {
    const db = ctx.database.db;
    const documentId = await newDocument();
    const doc = new Y.Doc();
    await appendUpdates(db, documentId, [
      ...updatesOf(doc, () => appendParagraph(doc, 'Un')),
      ...updatesOf(doc, () => appendParagraph(doc, 'Deux')),
    ]);
    const at = new Date('2026-03-03T10:00:00Z');
    expect(await refreshDerived(db, { documentId, plainText: 'Un\nDeux', editorId: null, at })).toBe(2);
    const row = await db
      .selectFrom('documents')
      .select(['plain_text', 'last_edited_at'])
      .where('id', '=', documentId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ plain_text: 'Un\nDeux', last_edited_at: at });
  });

  it('loads a document of 20,000 increments (2 MB) quickly and whole', async () => {
    const db = ctx.database.db;
    const documentId = await newDocument();
    const doc = new Y.Doc();
    const updates = updatesOf(doc, () => typeLongText(doc, { updates: 20_000, charsPerUpdate: 100 }));
    expect(updates).toHaveLength(20_000);
    // As the write queue does: batches of at most 2,000, several INSERT statements each.
    for (let start = 0; start < updates.length; start += 2000) {
      await appendUpdates(db, documentId, updates.slice(start, start + 2000));
    }
    expect(await pendingIncrements(db, documentId)).toBe(20_000);

    const started = performance.now();
    const loaded = await loadStoredDoc(db, documentId);
    const loadMs = performance.now() - started;
    console.info(
      `loaded 20,000 increments (${Y.encodeStateAsUpdate(doc).byteLength} bytes) in ${Math.round(loadMs)} ms`,
    );

    if (!loaded) throw new Error('no stored document');
    expect(loaded.getXmlFragment(COLLAB_FIELD).toString()).toBe(doc.getXmlFragment(COLLAB_FIELD).toString());
    // Merging the increments with Y.mergeUpdates took over 10 s; applying them, well under 1 s.
    expect(loadMs).toBeLessThan(5000);

    const compactStarted = performance.now();
    expect(await compactDocument(db, documentId)).toBe(true);
    console.info(`compacted them in ${Math.round(performance.now() - compactStarted)} ms`);
    const compacted = await loadStoredDoc(db, documentId);
    expect(compacted?.getXmlFragment(COLLAB_FIELD).toString()).toBe(doc.getXmlFragment(COLLAB_FIELD).toString());
  });

  it('answers undefined for an unknown document', async () => {
    expect(await loadStoredDoc(ctx.database.db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  // One PGlite connection runs one transaction at a time: the race needs a server.
  it.skipIf(!process.env.DATABASE_URL)(
    'never lets a compaction pass over an append waiting for the document (PostgreSQL)',
    async () => {
      const db = ctx.database.db;
      const documentId = await newDocument();
      const base = new Y.Doc();
      await appendUpdates(db, documentId, [...updatesOf(base, () => appendParagraph(base, 'Socle'))]);
      const writerA = new Y.Doc();
      const writerB = new Y.Doc();
      Y.applyUpdate(writerA, Y.encodeStateAsUpdate(base));
      Y.applyUpdate(writerB, Y.encodeStateAsUpdate(base));
      const updateA = updatesOf(writerA, () => appendParagraph(writerA, 'Écrit par A'));
      const updateB = updatesOf(writerB, () => appendParagraph(writerB, 'Écrit par B'))[0] as Uint8Array;
      const waitingOnLocks = async () => {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
        return rows[0]?.n ?? 0;
      };

      let appendA: Promise<boolean> | undefined;
      // This transaction stands for another writer's append followed by a compaction, both
      // committing while A's append waits for the document row.
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('documents')
          .select(['state', 'compacted_through'])
          .where('id', '=', documentId)
          .forUpdate()
          .executeTakeFirstOrThrow();
        appendA = appendUpdates(db, documentId, updateA);
        await expect.poll(waitingOnLocks, { timeout: 10_000 }).toBe(1);
        await trx
          .insertInto('document_updates')
          .values({ document_id: documentId, update: Buffer.from(updateB) })
          .execute();
        const increments = await trx
          .selectFrom('document_updates')
          .select(['id', 'update'])
          .where('document_id', '=', documentId)
          .where('id', '>', row.compacted_through)
          .orderBy('id')
          .execute();
        const folded = new Y.Doc();
        if (row.state) Y.applyUpdate(folded, row.state);
        for (const { update } of increments) Y.applyUpdate(folded, update);
        const last = (increments.at(-1) as { id: number }).id;
        await trx
          .updateTable('documents')
          .set({ state: Buffer.from(Y.encodeStateAsUpdate(folded)), compacted_through: last })
          .where('id', '=', documentId)
          .execute();
        await trx
          .deleteFrom('document_updates')
          .where('document_id', '=', documentId)
          .where('id', '<=', last)
          .execute();
      });
      expect(await appendA).toBe(true);

      // Had A taken its id before the lock, its row would sit below compacted_through, unseen.
      const stored = await loadStoredDoc(db, documentId);
      expect(stored && paragraphs(stored).sort()).toEqual(['Socle', 'Écrit par A', 'Écrit par B']);
    },
  );
});
