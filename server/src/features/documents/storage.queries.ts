import * as Y from 'yjs';
import type { Db } from '../../db/database';

/**
 * The content's persistence: a compacted snapshot (`documents.state`) plus the increments
 * appended since (`document_updates` rows above `compacted_through`). Appending never rewrites
 * earlier rows, so concurrent writers (several processes holding the same live document) only
 * ever add; compaction folds rows into the snapshot and deletes exactly the rows it folded.
 *
 * Ordering rule that makes this safe: an append takes the document row's lock BEFORE it
 * inserts, so the ids of one document are allocated and committed in order, one writer at a
 * time. Whoever sees increment n committed therefore sees every lower increment committed
 * too, and compaction can never set `compacted_through` past a row still being written (which
 * would then never be loaded again).
 */

/** Compact once this many increments pile up after the snapshot. */
export const COMPACT_AFTER_UPDATES = 100;

/**
 * Rows per INSERT statement: two parameters a row, far below the 65,535 parameters the
 * PostgreSQL protocol (node-postgres and PGlite alike) allows in one statement.
 */
const ROWS_PER_INSERT = 1000;

/** Bytes as node-postgres and PGlite both store them in a bytea. */
const bytea = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** What is stored for a document: its snapshot and the increments above it, in order. */
interface Stored {
  state: Uint8Array | null;
  compactedThrough: number;
  increments: { id: number; update: Uint8Array }[];
}

/**
 * The snapshot and the increments above it, read in one snapshot of the database (repeatable
 * read): a compaction committing between the two reads would otherwise pair the old snapshot
 * with the increments left after it, and lose those it folded.
 */
async function readStored(db: Db, documentId: string): Promise<Stored | undefined> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const row = await trx
        .selectFrom('documents')
        .select(['state', 'compacted_through'])
        .where('id', '=', documentId)
        .executeTakeFirst();
      if (!row) return undefined;
      const increments = await trx
        .selectFrom('document_updates')
        .select(['id', 'update'])
        .where('document_id', '=', documentId)
        .where('id', '>', row.compacted_through)
        .orderBy('id')
        .execute();
      return { state: row.state, compactedThrough: row.compacted_through, increments };
    });
}

/**
 * Applies the snapshot and every increment to `doc` in one Yjs transaction. Never
 * `Y.mergeUpdates` over thousands of increments: its cost grows faster than linearly (10 s
 * for 20,000), while applying them into a document is linear (about 0.1 s).
 */
function applyStored(doc: Y.Doc, stored: Stored, origin: unknown): void {
  doc.transact(() => {
    if (stored.state) Y.applyUpdate(doc, stored.state);
    for (const { update } of stored.increments) Y.applyUpdate(doc, update);
  }, origin);
}

/**
 * Loads the stored content into `doc` (a live document being loaded). Returns how many
 * increments sit above the snapshot, or undefined for an unknown document.
 */
export async function loadStoredInto(db: Db, documentId: string, doc: Y.Doc, origin: unknown = null) {
  const stored = await readStored(db, documentId);
  if (!stored) return undefined;
  applyStored(doc, stored, origin);
  return { pendingUpdates: stored.increments.length };
}

/** The stored content as a Y.Doc (empty for a document never written); undefined if unknown. */
export async function loadStoredDoc(db: Db, documentId: string): Promise<Y.Doc | undefined> {
  const doc = new Y.Doc();
  if (await loadStoredInto(db, documentId, doc)) return doc;
  doc.destroy();
  return undefined;
}

/** How many increments wait above the snapshot. */
export async function pendingIncrements(db: Db, documentId: string): Promise<number> {
  const row = await db
    .selectFrom('document_updates')
    .innerJoin('documents', 'documents.id', 'document_updates.document_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('document_updates.document_id', '=', documentId)
    .whereRef('document_updates.id', '>', 'documents.compacted_through')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Appends increments, in order, in one transaction: the durable write of live changes.
 * Returns false (and writes nothing) when the document row no longer exists.
 */
export async function appendUpdates(db: Db, documentId: string, updates: readonly Uint8Array[]): Promise<boolean> {
  if (updates.length === 0) return true;
  return db.transaction().execute(async (trx) => {
    // The lock first, then the ids (see the ordering rule above). Inserting first let a
    // compaction commit between an INSERT taking its id and that INSERT's foreign-key check
    // (which locks the row only then). NO KEY UPDATE queues appends behind one another and
    // behind compaction, yet lets rows that merely reference the document (versions) in.
    const row = await trx
      .selectFrom('documents')
      .select('id')
      .where('id', '=', documentId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!row) return false;
    for (let start = 0; start < updates.length; start += ROWS_PER_INSERT) {
      await trx
        .insertInto('document_updates')
        .values(
          updates
            .slice(start, start + ROWS_PER_INSERT)
            .map((update) => ({ document_id: documentId, update: bytea(update) })),
        )
        .execute();
    }
    return true;
  });
}

/**
 * Refreshes what is derived from the content (plain text, last edit). Returns how many
 * increments now wait above the snapshot, so that the caller knows when to compact.
 */
export async function refreshDerived(
  db: Db,
  input: { documentId: string; plainText: string; editorId: string | null; at: Date },
): Promise<number> {
  await db
    .updateTable('documents')
    .set({
      plain_text: input.plainText,
      last_edited_at: input.at,
      ...(input.editorId ? { last_edited_by: input.editorId } : {}),
    })
    .where('id', '=', input.documentId)
    .execute();
  return pendingIncrements(db, input.documentId);
}

/**
 * Folds the increments into the snapshot. The result is re-encoded from a loaded Y.Doc (not
 * merely merged), so deleted text is garbage-collected and the snapshot stays close to
 * `Y.encodeStateAsUpdate` of the live document.
 *
 * The reading and the Yjs work happen outside any transaction, so that appends (and, on
 * PGlite, every other query) are not held up meanwhile: by the ordering rule, the rows read
 * are a prefix of the document's ids. The short write transaction then checks, under the
 * document lock, that nobody compacted in between; if somebody did it gives up, and it only
 * ever deletes the rows it folded. Returns whether it compacted.
 */
export async function compactDocument(db: Db, documentId: string): Promise<boolean> {
  const stored = await readStored(db, documentId);
  const last = stored?.increments.at(-1);
  if (!stored || !last) return false;
  const doc = new Y.Doc();
  applyStored(doc, stored, null);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('documents')
      .select('compacted_through')
      .where('id', '=', documentId)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.compacted_through !== stored.compactedThrough) return false;
    await trx
      .updateTable('documents')
      .set({ state: bytea(state), compacted_through: last.id })
      .where('id', '=', documentId)
      .execute();
    await trx.deleteFrom('document_updates').where('document_id', '=', documentId).where('id', '<=', last.id).execute();
    return true;
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
