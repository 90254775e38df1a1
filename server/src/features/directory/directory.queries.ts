import type { DirectoryFilters } from '@atelier/contract';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { DB } from '../../db/schema';

/**
 * Directory reads. Every query starts from listed people only (`listed_in_directory`): a
 * person who did not opt in is never read here, not even to be counted in an organisation.
 * Text is compared through `directory_fold` (lower case, no accents) and searched through
 * `directory_document`, both defined by the `directory_indexes` migration so that queries and
 * indexes use the very same expressions.
 */

/** Where the last page stopped: the folded display name and the id of its last person. */
export interface DirectoryPosition {
  sortKey: string;
  id: string;
}

/** `%`, `_` and `\` in what people type are letters to find, not LIKE wildcards. */
export const likeContains = (value: string) => `%${value.replace(/[\\%_]/g, '\\$&')}%`;

/** A present, non-empty filter value; empty text means the field was left blank. */
const given = (value: string | undefined): value is string => value !== undefined && value !== '';

function matching(eb: ExpressionBuilder<DB, 'users'>, filters: DirectoryFilters) {
  // Written as a bare column so that the planner sees the partial indexes' own predicate.
  const conditions: Expression<SqlBool>[] = [sql<SqlBool>`users.listed_in_directory`];
  if (filters.organisationKind) conditions.push(eb('users.organisation_kind', '=', filters.organisationKind));
  if (filters.fantasticRole) conditions.push(eb('users.fantastic_role', '=', filters.fantasticRole));
  if (given(filters.territory)) {
    conditions.push(
      sql<SqlBool>`directory_fold(users.territory) like directory_fold(${likeContains(filters.territory)})`,
    );
  }
  if (given(filters.theme)) {
    conditions.push(
      sql<SqlBool>`exists (select 1 from unnest(users.themes) as theme
        where directory_fold(theme) like directory_fold(${likeContains(filters.theme)}))`,
    );
  }
  if (given(filters.q)) {
    // Whole words through French full-text search ("mobilités" finds "mobilité"), or a plain
    // part of a name or organisation, so that "Dupo" already finds "Dupont".
    conditions.push(
      sql<SqlBool>`(directory_document(users.display_name, users.organisation_name, users.bio)
          @@ websearch_to_tsquery('public.french_unaccent'::regconfig, ${filters.q})
        or directory_fold(users.display_name || ' ' || coalesce(users.organisation_name, ''))
          like directory_fold(${likeContains(filters.q)}))`,
    );
  }
  return eb.and(conditions);
}

/** The sort key of people; collation "C" so that every server orders (and pages) alike. */
const sortKey = sql<string>`(directory_fold(users.display_name) collate "C")`;

/** One page of listed people matching the filters, after `position`; asks for one extra row. */
export function listDirectoryPeople(
  db: Db,
  filters: DirectoryFilters,
  page: { after?: DirectoryPosition; limit: number },
) {
  let query = db
    .selectFrom('users')
    .select([
      'users.id',
      'users.display_name',
      'users.avatar_updated_at',
      'users.organisation_name',
      'users.organisation_kind',
      'users.territory',
      'users.fantastic_role',
      'users.themes',
      'users.bio',
      sortKey.as('sort_key'),
    ])
    .where((eb) => matching(eb, filters));
  const { after } = page;
  if (after) query = query.where(sql<SqlBool>`(${sortKey}, users.id) > (${after.sortKey}, ${after.id}::uuid)`);
  return query
    .orderBy(sortKey)
    .orderBy('users.id')
    .limit(page.limit + 1)
    .execute();
}

/** The sort key of organisations: their folded name, the way people are grouped into one. */
const organisationKey = sql<string>`(directory_fold(users.organisation_name) collate "C")`;

/**
 * One page of the organisations of the listed people matching the filters, after `after` (a
 * sort key), by folded name; asks for one extra row. People write their organisation's name by
 * hand, so names that differ only by case or accents are one organisation, shown with its most
 * common spelling and its most common kind.
 */
export function listDirectoryOrganisations(
  db: Db,
  filters: DirectoryFilters,
  page: { after?: string | undefined; limit: number },
) {
  const { after } = page;
  return db
    .selectFrom('users')
    .select([
      // Ties go to the first spelling in code-point order ("Métropole" before "métropole"),
      // the same on every server.
      sql<string>`mode() within group (order by users.organisation_name collate "C")`.as('name'),
      sql<string | null>`mode() within group (order by users.organisation_kind)`.as('kind'),
      sql<string[] | null>`array_agg(users.territory) filter (where users.territory is not null)`.as('territories'),
      (eb) => eb.fn.countAll<number>().as('member_count'),
      organisationKey.as('sort_key'),
    ])
    .where((eb) => matching(eb, filters))
    .where('users.organisation_name', 'is not', null)
    .$if(after !== undefined, (query) => query.where(sql<SqlBool>`${organisationKey} > ${after}`))
    .groupBy(organisationKey)
    .orderBy(organisationKey)
    .limit(page.limit + 1)
    .execute();
}
