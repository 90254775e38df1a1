import type { ExpressionBuilder } from 'kysely';
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

/**
 * Claims the right to take an automatic version: succeeds (true) for at most one caller per
 * interval, across processes, because the row update is conditional and atomic.
 */
export async function claimAutoVersion(db: Db, documentId: string, intervalMs: number, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - intervalMs);
  const result = await db
    .updateTable('documents')
    .set({ last_auto_version_at: now })
    .where('id', '=', documentId)
    .where((eb) => eb.or([eb('last_auto_version_at', 'is', null), eb('last_auto_version_at', '<=', since)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
