import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { DB } from '../../db/schema';

const bytea = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const versionColumns = (eb: ExpressionBuilder<DB, 'document_versions'>) =>
  [
    'document_versions.id',
    'document_versions.document_id',
    'document_versions.kind',
    'document_versions.name',
    'document_versions.created_by',
    'document_versions.created_at',
    eb
      .selectFrom('users')
      .select('display_name')
      .whereRef('users.id', '=', 'document_versions.created_by')
      .as('creator_name'),
  ] as const;

export type VersionRecord = Awaited<ReturnType<typeof listVersions>>[number];

/** A document's versions, newest first. */
export const listVersions = (db: Db, documentId: string) =>
  db
    .selectFrom('document_versions')
    .select(versionColumns)
    .where('document_id', '=', documentId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();

/** One version of the document, with its content; undefined if it belongs to another. */
export const findVersion = (db: Db, documentId: string, versionId: string) =>
  db
    .selectFrom('document_versions')
    .select((eb) => [...versionColumns(eb), 'document_versions.state', 'document_versions.plain_text'])
    .where('document_id', '=', documentId)
    .where('id', '=', versionId)
    .executeTakeFirst();

export async function insertVersion(
  db: Db,
  values: {
    documentId: string;
    kind: 'auto' | 'named' | 'restore';
    name: string | null;
    state: Uint8Array;
    plainText: string;
    createdBy: string | null;
  },
): Promise<VersionRecord> {
  const { id } = await db
    .insertInto('document_versions')
    .values({
      document_id: values.documentId,
      kind: values.kind,
      name: values.name,
      state: bytea(values.state),
      plain_text: values.plainText,
      created_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return db.selectFrom('document_versions').select(versionColumns).where('id', '=', id).executeTakeFirstOrThrow();
}

/** When the document's last automatic version was taken; undefined for an unknown document. */
export async function findLastAutoVersionAt(db: Db, documentId: string): Promise<Date | null | undefined> {
  const row = await db
    .selectFrom('documents')
    .select('last_auto_version_at')
    .where('id', '=', documentId)
    .executeTakeFirst();
  return row ? row.last_auto_version_at : undefined;
}

/** The document's latest version of any kind (its text; the state is read only if needed). */
export const findLatestVersionText = (db: Db, documentId: string) =>
  db
    .selectFrom('document_versions')
    .select(['id', 'plain_text'])
    .where('document_id', '=', documentId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

export async function findVersionState(db: Db, versionId: string): Promise<Uint8Array | undefined> {
  const row = await db.selectFrom('document_versions').select('state').where('id', '=', versionId).executeTakeFirst();
  return row?.state;
}

/**
 * Moves `last_auto_version_at` from `seen` (what the caller read, null for never) to `at`:
 * a compare-and-set, so that of two processes that read the same value only one succeeds.
 * The second one's UPDATE waits for the first's row lock, then finds the value changed.
 */
export async function moveLastAutoVersionAt(db: Db, documentId: string, seen: Date | null, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('documents')
    .set({ last_auto_version_at: at })
    .where('id', '=', documentId)
    // Compared at the millisecond, the precision `seen` was read back with.
    .where((eb) =>
      seen
        ? eb(sql<Date>`date_trunc('milliseconds', last_auto_version_at)`, '=', seen)
        : eb('last_auto_version_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
