import { sql } from 'kysely';
import type { Db } from '../../db/database';

/** Queries for files and links. Deleted rows stay (`deleted_at`) and are never listed. */

const FILE_COLUMNS = [
  'files.id',
  'files.space_id',
  'files.uploaded_by',
  'files.name',
  'files.mime_type',
  'files.size_bytes',
  'files.storage_key',
  'files.sha256',
  'files.has_preview',
  'files.created_at',
  'files.deleted_at',
  'users.display_name as uploader_name',
] as const;

export const insertFile = (
  db: Db,
  values: {
    id: string;
    spaceId: string;
    uploadedBy: string;
    name: string;
    mimeType: string;
    sizeBytes: number;
    storageKey: string;
    sha256: string;
    hasPreview: boolean;
  },
) =>
  db
    .insertInto('files')
    .values({
      id: values.id,
      space_id: values.spaceId,
      uploaded_by: values.uploadedBy,
      name: values.name,
      mime_type: values.mimeType,
      size_bytes: values.sizeBytes,
      storage_key: values.storageKey,
      sha256: values.sha256,
      has_preview: values.hasPreview,
    })
    .execute();

const selectFiles = (db: Db) => db.selectFrom('files').innerJoin('users', 'users.id', 'files.uploaded_by');

/** A file that has not been deleted, with its uploader's name. */
export const findFile = (db: Db, id: string) =>
  selectFiles(db)
    .select(FILE_COLUMNS)
    .where('files.id', '=', id)
    .where('files.deleted_at', 'is', null)
    .executeTakeFirst();

export type FileRecord = NonNullable<Awaited<ReturnType<typeof findFile>>>;

/** The space's files, newest first. */
export const listFiles = (db: Db, spaceId: string) =>
  selectFiles(db)
    .select(FILE_COLUMNS)
    .where('files.space_id', '=', spaceId)
    .where('files.deleted_at', 'is', null)
    .orderBy('files.created_at', 'desc')
    .orderBy('files.id', 'desc')
    .execute();

/** Marks the file deleted; false when it already was (a concurrent delete won). */
export async function markFileDeleted(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable('files')
    .set({ deleted_at: new Date() })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Notes that the file's text was read, with the text when there is one (the search index
 * follows by trigger), unless the file was deleted meanwhile: a late extraction never brings a
 * deleted file back into search.
 */
export async function setFileText(db: Db, id: string, text?: string): Promise<boolean> {
  const result = await db
    .updateTable('files')
    .set({ text_read_at: new Date(), ...(text === undefined ? {} : { text_content: text }) })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Files uploaded before `before` whose text was never read, in upload order after `after`
 * (the last of the previous batch).
 */
export const listUnreadFiles = (db: Db, input: { before: Date; after: FileCursor | null; limit: number }) =>
  db
    .selectFrom('files')
    .select(['id', 'mime_type', 'created_at'])
    .where('text_read_at', 'is', null)
    .where('deleted_at', 'is', null)
    .where('created_at', '<', input.before)
    .$if(input.after !== null, (query) =>
      query.where(sql<boolean>`(created_at, id) > (${input.after?.at}::timestamptz, ${input.after?.id}::uuid)`),
    )
    .orderBy('created_at')
    .orderBy('id')
    .limit(input.limit)
    .execute();

export interface FileCursor {
  at: string;
  id: string;
}

const LINK_COLUMNS = [
  'links.id',
  'links.space_id',
  'links.url',
  'links.title',
  'links.description',
  'links.created_by',
  'links.created_at',
  'users.display_name as author_name',
] as const;

const selectLinks = (db: Db) => db.selectFrom('links').innerJoin('users', 'users.id', 'links.created_by');

export const insertLink = (
  db: Db,
  values: { spaceId: string; createdBy: string; url: string; title: string; description: string },
) =>
  db
    .insertInto('links')
    .values({
      space_id: values.spaceId,
      created_by: values.createdBy,
      url: values.url,
      title: values.title,
      description: values.description,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export const findLink = (db: Db, id: string) =>
  selectLinks(db)
    .select(LINK_COLUMNS)
    .where('links.id', '=', id)
    .where('links.deleted_at', 'is', null)
    .executeTakeFirst();

export type LinkRecord = NonNullable<Awaited<ReturnType<typeof findLink>>>;

/** The space's links, newest first. */
export const listLinks = (db: Db, spaceId: string) =>
  selectLinks(db)
    .select(LINK_COLUMNS)
    .where('links.space_id', '=', spaceId)
    .where('links.deleted_at', 'is', null)
    .orderBy('links.created_at', 'desc')
    .orderBy('links.id', 'desc')
    .execute();

export async function markLinkDeleted(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable('links')
    .set({ deleted_at: new Date() })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
