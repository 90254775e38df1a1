import type { PublicationKind } from '@atelier/contract';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { DB, PublicationsTable } from '../../db/schema';
import { likeContains } from '../directory/directory.queries';

/** The commons' catalogue and its sources. */

export interface PublicationFilters {
  q?: string | undefined;
  kind?: PublicationKind | undefined;
  theme?: string | undefined;
}

const COLUMNS = [
  'publications.id',
  'publications.space_id',
  'publications.source_type',
  'publications.source_id',
  'publications.title',
  'publications.summary',
  'publications.kind',
  'publications.themes',
  'publications.territories',
  'publications.licence',
  'publications.html',
  'publications.url',
  'publications.published_at',
  // The instant to the microsecond, as the page's cursor: a JS Date keeps only milliseconds.
  sql<string>`publications.published_at::text`.as('published_key'),
  'spaces.slug as space_slug',
  'spaces.title as space_title',
  'spaces.visibility as space_visibility',
] as const;

function matching(eb: ExpressionBuilder<DB, 'publications'>, filters: PublicationFilters) {
  const conditions: Expression<SqlBool>[] = [sql<SqlBool>`true`];
  if (filters.kind) conditions.push(eb('publications.kind', '=', filters.kind));
  if (filters.theme) {
    conditions.push(
      sql<SqlBool>`exists (select 1 from unnest(publications.themes) as theme
        where directory_fold(theme) like directory_fold(${likeContains(filters.theme)}))`,
    );
  }
  if (filters.q) {
    conditions.push(
      sql<SqlBool>`(to_tsvector('public.french_unaccent'::regconfig, publications.title || ' ' || publications.summary
          || ' ' || array_to_string(publications.themes, ' ') || ' ' || publications.plain_text)
          @@ websearch_to_tsquery('public.french_unaccent'::regconfig, ${filters.q})
        or directory_fold(publications.title) like directory_fold(${likeContains(filters.q)}))`,
    );
  }
  return eb.and(conditions);
}

const selectPublications = (db: Db) =>
  db.selectFrom('publications').leftJoin('spaces', 'spaces.id', 'publications.space_id').select(COLUMNS);

/** A page of the catalogue, newest first, after `after`; one extra row says there is more. */
export const listPublicationRows = (
  db: Db,
  filters: PublicationFilters,
  page: { after: { publishedKey: string; id: string } | null; limit: number },
) => {
  let query = selectPublications(db).where((eb) => matching(eb, filters));
  const after = page.after;
  if (after) {
    query = query.where(
      (eb) =>
        sql<SqlBool>`(${eb.ref('publications.published_at')}, ${eb.ref('publications.id')})
          < (${after.publishedKey}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return query
    .orderBy('publications.published_at', 'desc')
    .orderBy('publications.id', 'desc')
    .limit(page.limit + 1)
    .execute();
};

export const countPublications = async (db: Db, filters: PublicationFilters): Promise<number> => {
  const row = await db
    .selectFrom('publications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where((eb) => matching(eb, filters))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
};

export const findPublication = (db: Db, id: string) =>
  selectPublications(db).where('publications.id', '=', id).executeTakeFirst();
export type PublicationRow = NonNullable<Awaited<ReturnType<typeof findPublication>>>;

/** A named (or other) version with its document's space. */
export const findVersionSource = (db: Db, versionId: string) =>
  db
    .selectFrom('document_versions as v')
    .innerJoin('documents', 'documents.id', 'v.document_id')
    .select(['v.id', 'v.kind', 'v.state', 'v.plain_text', 'documents.space_id'])
    .where('v.id', '=', versionId)
    .where('documents.deleted_at', 'is', null)
    .executeTakeFirst();

export const findLinkSource = (db: Db, linkId: string) =>
  db
    .selectFrom('links')
    .select(['id', 'space_id', 'url'])
    .where('id', '=', linkId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

export const findFileSource = (db: Db, fileId: string) =>
  db
    .selectFrom('files')
    .select(['id', 'space_id', 'name', 'mime_type', 'size_bytes'])
    .where('id', '=', fileId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

export type PublicationValues = Omit<
  PublicationsTable,
  'id' | 'published_at' | 'summary' | 'themes' | 'territories' | 'plain_text'
> & { summary: string; themes: string[]; territories: string[]; plain_text: string };

/** The new publication's id, or null when this source is published already. */
export const insertPublication = async (db: Db, values: PublicationValues): Promise<string | null> => {
  const row = await db
    .insertInto('publications')
    .values(values)
    .onConflict((conflict) => conflict.columns(['source_type', 'source_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
};

export const deletePublication = (db: Db, id: string) => db.deleteFrom('publications').where('id', '=', id).execute();
