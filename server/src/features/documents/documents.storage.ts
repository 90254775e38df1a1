import * as Y from 'yjs';
import type { Db } from '../../db/database';

/**
 * The content's persistence: a compacted snapshot (`documents.state`) plus the increments
 * appended since (`document_updates` rows above `compacted_through`). Appending is cheap and
 * never rewrites earlier rows, so concurrent writers (several processes holding the same live
 * document) only ever add; compaction folds the rows it read into the snapshot and deletes
 * exactly those rows, under the document row's lock.
 */

/** Compact once this many increments pile up after the snapshot. */
export const COMPACT_AFTER_UPDATES = 100;

/** Bytes as node-postgres and PGlite both store them in a bytea. */
const bytea = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export interface StoredContent {
  /** The snapshot and every increment since, merged into one update (null: never written). */
  update: Uint8Array | null;
  /** How many increments sit above the snapshot. */
  pendingUpdates: number;
}

/** The stored content of a document (deleted ones included); undefined for an unknown id. */
export async function loadStoredContent(db: Db, documentId: string): Promise<StoredContent | undefined> {
  const row = await db
    .selectFrom('documents')
    .select(['state', 'compacted_through'])
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!row) return undefined;
  const updates = await db
    .selectFrom('document_updates')
    .select('update')
    .where('document_id', '=', documentId)
    .where('id', '>', row.compacted_through)
    .orderBy('id')
    .execute();
  const parts = [...(row.state ? [row.state] : []), ...updates.map((u) => u.update)];
  return {
    update: parts.length === 0 ? null : parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts),
    pendingUpdates: updates.length,
  };
}

/** The stored content as a Y.Doc (empty for a document never written). */
export async function loadStoredDoc(db: Db, documentId: string): Promise<Y.Doc | undefined> {
  const content = await loadStoredContent(db, documentId);
  if (!content) return undefined;
  const doc = new Y.Doc();
  if (content.update) Y.applyUpdate(doc, content.update);
  return doc;
}

/**
 * Appends one increment and refreshes what is derived from the content (plain text, last
 * edit), in one transaction. Returns how many increments now wait above the snapshot.
 */
export async function appendUpdate(
  db: Db,
  input: { documentId: string; update: Uint8Array; plainText: string; editorId: string | null; at: Date },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('document_updates')
      .values({ document_id: input.documentId, update: bytea(input.update) })
      .execute();
    const row = await trx
      .updateTable('documents')
      .set({
        plain_text: input.plainText,
        last_edited_at: input.at,
        ...(input.editorId ? { last_edited_by: input.editorId } : {}),
      })
      .where('id', '=', input.documentId)
      .returning('compacted_through')
      .executeTakeFirst();
    if (!row) return 0;
    const pending = await trx
      .selectFrom('document_updates')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('document_id', '=', input.documentId)
      .where('id', '>', row.compacted_through)
      .executeTakeFirstOrThrow();
    return Number(pending.count);
  });
}

/**
 * Folds every increment into the snapshot. The result is re-encoded from a loaded Y.Doc (not
 * merely merged), so deleted text is garbage-collected and the snapshot stays close to
 * `Y.encodeStateAsUpdate` of the live document.
 */
export async function compactDocument(db: Db, documentId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('documents')
      .select(['state', 'compacted_through'])
      .where('id', '=', documentId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return;
    const updates = await trx
      .selectFrom('document_updates')
      .select(['id', 'update'])
      .where('document_id', '=', documentId)
      .where('id', '>', row.compacted_through)
      .orderBy('id')
      .execute();
    const last = updates.at(-1);
    if (!last) return;
    const doc = new Y.Doc();
    if (row.state) Y.applyUpdate(doc, row.state);
    for (const { update } of updates) Y.applyUpdate(doc, update);
    await trx
      .updateTable('documents')
      .set({ state: bytea(Y.encodeStateAsUpdate(doc)), compacted_through: last.id })
      .where('id', '=', documentId)
      .execute();
    await trx.deleteFrom('document_updates').where('document_id', '=', documentId).where('id', '<=', last.id).execute();
    doc.destroy();
  });
}

/** Bytes stored for a document's content (snapshot and increments), for the benchmark. */
export async function storedBytes(db: Db, documentId: string): Promise<number> {
  const content = await db
    .selectFrom('documents')
    .select((eb) => eb.fn.coalesce(eb.fn<number>('octet_length', ['state']), eb.lit(0)).as('bytes'))
    .where('id', '=', documentId)
    .executeTakeFirst();
  const updates = await db
    .selectFrom('document_updates')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(eb.fn<number>('octet_length', ['update'])), eb.lit(0)).as('bytes'))
    .where('document_id', '=', documentId)
    .executeTakeFirstOrThrow();
  return Number(content?.bytes ?? 0) + Number(updates.bytes);
}
