import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { DB } from '../../db/schema';

/** The columns a `Document` answer needs, with the author's and last editor's names. */
const documentColumns = (eb: ExpressionBuilder<DB, 'documents'>) =>
  [
    'documents.id',
    'documents.space_id',
    'documents.title',
    'documents.created_by',
    'documents.created_at',
    'documents.last_edited_at',
    'documents.last_edited_by',
    eb.selectFrom('users').select('display_name').whereRef('users.id', '=', 'documents.created_by').as('author_name'),
    eb
      .selectFrom('users')
      .select('display_name')
      .whereRef('users.id', '=', 'documents.last_edited_by')
      .as('last_editor_name'),
  ] as const;

export type DocumentRecord = Awaited<ReturnType<typeof findDocument>> & {};

/** A document that is not deleted, with its authors' names; undefined otherwise. */
export const findDocument = (db: Db, id: string) =>
  db
    .selectFrom('documents')
    .select(documentColumns)
    .where('documents.id', '=', id)
    .where('documents.deleted_at', 'is', null)
    .executeTakeFirst();

/** A space's documents (or the alliance's with null), most recently edited first. */
export const listDocumentsOfSpace = (db: Db, spaceId: string | null) =>
  db
    .selectFrom('documents')
    .select(documentColumns)
    .where('documents.space_id', spaceId === null ? 'is' : '=', spaceId)
    .where('documents.deleted_at', 'is', null)
    .orderBy(sql`coalesce(documents.last_edited_at, documents.created_at)`, 'desc')
    .orderBy('documents.id', 'desc')
    .execute();

export const insertDocument = (db: Db, values: { spaceId: string | null; title: string; authorId: string }) =>
  db
    .insertInto('documents')
    .values({ space_id: values.spaceId, title: values.title, created_by: values.authorId })
    .returning('id')
    .executeTakeFirstOrThrow();

export const renameDocument = (db: Db, id: string, title: string) =>
  db.updateTable('documents').set({ title }).where('id', '=', id).where('deleted_at', 'is', null).execute();

export const softDeleteDocument = (db: Db, id: string) =>
  db
    .updateTable('documents')
    .set({ deleted_at: new Date() })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .execute();

/** The current plain text (kept up to date by every store of the content). */
export const findPlainText = (db: Db, id: string) =>
  db
    .selectFrom('documents')
    .select('plain_text')
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

/**
 * Documents of the spaces the person actively belongs to that someone else edited last, latest
 * first, with their space's facts and the person's role there for the policy.
 */
export const listEditedByOthers = (db: Db, userId: string, limit: number) =>
  db
    .selectFrom('documents')
    .innerJoin('memberships as m', (join) =>
      join.onRef('m.space_id', '=', 'documents.space_id').on('m.user_id', '=', userId).on('m.status', '=', 'active'),
    )
    .innerJoin('spaces', 'spaces.id', 'documents.space_id')
    .select(documentColumns)
    .select([
      'spaces.id as space_ref_id',
      'spaces.slug as space_slug',
      'spaces.title as space_title',
      'spaces.visibility',
      'spaces.join_policy',
      'spaces.status as space_status',
      'm.role as membership_role',
    ])
    .where('documents.deleted_at', 'is', null)
    .where('documents.last_edited_by', '<>', userId)
    .orderBy('documents.last_edited_at', 'desc')
    .limit(limit)
    .execute();
