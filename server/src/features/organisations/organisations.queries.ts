import type { OrganisationKind } from '@atelier/contract';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { DB } from '../../db/schema';
import { likeContains } from '../directory/directory.queries';

/** Organisations and the links of people to them. Names compare folded (case, accents). */

export interface OrganisationFilters {
  q?: string | undefined;
  kind?: OrganisationKind | undefined;
  territory?: string | undefined;
  theme?: string | undefined;
}

/** Where the last page stopped: the folded name and the id of its last organisation. */
export interface OrganisationPosition {
  sortKey: string;
  id: string;
}

const sortKey = sql<string>`(directory_fold(organisations.name) collate "C")`;

function matching(eb: ExpressionBuilder<DB, 'organisations'>, filters: OrganisationFilters) {
  const conditions: Expression<SqlBool>[] = [sql<SqlBool>`true`];
  if (filters.kind) conditions.push(eb('organisations.kind', '=', filters.kind));
  if (filters.territory) {
    conditions.push(
      sql<SqlBool>`directory_fold(organisations.territory) like directory_fold(${likeContains(filters.territory)})`,
    );
  }
  if (filters.theme) {
    conditions.push(
      sql<SqlBool>`exists (select 1 from unnest(organisations.themes) as theme
        where directory_fold(theme) like directory_fold(${likeContains(filters.theme)}))`,
    );
  }
  if (filters.q) {
    // Whole words of the name or presentation in French, or a plain part of the name.
    conditions.push(
      sql<SqlBool>`(to_tsvector('public.french_unaccent'::regconfig, organisations.name || ' ' || organisations.presentation)
          @@ websearch_to_tsquery('public.french_unaccent'::regconfig, ${filters.q})
        or directory_fold(organisations.name) like directory_fold(${likeContains(filters.q)}))`,
    );
  }
  return eb.and(conditions);
}

const confirmedCount = sql<number>`(select count(*)::int from organisation_members m
  where m.organisation_id = organisations.id and m.status = 'confirmed')`;

const ORGANISATION_COLUMNS = [
  'organisations.id',
  'organisations.slug',
  'organisations.name',
  'organisations.kind',
  'organisations.siren',
  'organisations.territory',
  'organisations.territory_level',
  'organisations.territory_code',
  'organisations.themes',
  'organisations.website',
  'organisations.presentation',
  sql<string | null>`to_char(organisations.charter_joined_on, 'YYYY-MM-DD')`.as('charter_joined_on'),
  'organisations.logo_updated_at',
  confirmedCount.as('member_count'),
] as const;

/** One page of organisations matching the filters, by folded name, after `after`; one extra row. */
export function listOrganisationRows(
  db: Db,
  filters: OrganisationFilters,
  page: { after: OrganisationPosition | null; limit: number },
) {
  const { after } = page;
  return db
    .selectFrom('organisations')
    .select([...ORGANISATION_COLUMNS, sortKey.as('sort_key')])
    .where((eb) => matching(eb, filters))
    .$if(after !== null, (query) =>
      query.where(sql<SqlBool>`(${sortKey}, organisations.id) > (${after?.sortKey}, ${after?.id}::uuid)`),
    )
    .orderBy(sortKey)
    .orderBy('organisations.id')
    .limit(page.limit + 1)
    .execute();
}

/** How many organisations of each kind match the filters other than the kind. */
export function countOrganisationsByKind(db: Db, filters: OrganisationFilters) {
  return db
    .selectFrom('organisations')
    .select(['organisations.kind', (eb) => eb.fn.countAll<number>().as('count')])
    .where((eb) => matching(eb, { ...filters, kind: undefined }))
    .groupBy('organisations.kind')
    .execute();
}

export const findOrganisation = (db: Db, slug: string) =>
  db.selectFrom('organisations').select(ORGANISATION_COLUMNS).where('slug', '=', slug).executeTakeFirst();

export interface OrganisationValues {
  slug?: string;
  name?: string;
  kind?: OrganisationKind;
  siren?: string | null;
  territory?: string | null;
  territory_level?: 'commune' | 'epci' | 'departement' | 'region' | null;
  territory_code?: string | null;
  themes?: string[];
  website?: string | null;
  presentation?: string;
  charter_joined_on?: string | null;
}

export const insertOrganisation = (db: Db, values: OrganisationValues & { slug: string; name: string; kind: string }) =>
  db.insertInto('organisations').values(values).returning('slug').executeTakeFirstOrThrow();

/** Inserts the organisations that are not there yet (by slug); returns how many were. */
export async function insertMissingOrganisations(
  db: Db,
  rows: Array<OrganisationValues & { slug: string; name: string; kind: string }>,
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto('organisations')
    .values(rows)
    .onConflict((c) => c.doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

export const updateOrganisation = (db: Db, id: string, values: OrganisationValues) =>
  db
    .updateTable('organisations')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();

/** A slug taken already, or this one with the first free number after it. */
export async function freeSlug(db: Db, base: string): Promise<string> {
  const taken = new Set(
    (
      await db
        .selectFrom('organisations')
        .select('slug')
        .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
        .execute()
    ).map((row) => row.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** Its confirmed people who chose to be listed in the directory, by name. */
export const listListedMembers = (db: Db, organisationId: string) =>
  db
    .selectFrom('organisation_members as m')
    .innerJoin('users', 'users.id', 'm.user_id')
    .select(['users.id', 'users.display_name', 'users.avatar_updated_at'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.status', '=', 'confirmed')
    .where('users.listed_in_directory', '=', true)
    .orderBy(sql`directory_fold(users.display_name) collate "C"`)
    .limit(200)
    .execute();

/** Public spaces where its confirmed people are active members, the most of them first. */
export const listActiveSpaces = (db: Db, organisationId: string) =>
  db
    .selectFrom('organisation_members as m')
    .innerJoin('memberships', (join) =>
      join.onRef('memberships.user_id', '=', 'm.user_id').on('memberships.status', '=', 'active'),
    )
    .innerJoin('spaces', 'spaces.id', 'memberships.space_id')
    .select(['spaces.slug', 'spaces.title', (eb) => eb.fn.countAll<number>().as('member_count')])
    .where('m.organisation_id', '=', organisationId)
    .where('m.status', '=', 'confirmed')
    .where('spaces.visibility', '=', 'public')
    .where('spaces.status', '=', 'active')
    .groupBy(['spaces.id', 'spaces.slug', 'spaces.title'])
    .orderBy('member_count', 'desc')
    .orderBy('spaces.title')
    .limit(50)
    .execute();

export const findAffiliation = (db: Db, organisationId: string, userId: string) =>
  db
    .selectFrom('organisation_members')
    .select(['status', 'referent'])
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();

/** Asks for a link; a link already there (asked or confirmed) stays as it is. True when new. */
export async function requestAffiliation(db: Db, organisationId: string, userId: string): Promise<boolean> {
  const inserted = await db
    .insertInto('organisation_members')
    .values({ organisation_id: organisationId, user_id: userId, status: 'pending' })
    .onConflict((c) => c.columns(['organisation_id', 'user_id']).doNothing())
    .returning('user_id')
    .execute();
  return inserted.length > 0;
}

/** Who confirms links: its referents, or the first admins when it has none yet. */
export async function listLinkDeciders(db: Db, organisationId: string) {
  const columns = ['users.email', 'users.display_name', 'users.locale'] as const;
  const referents = await db
    .selectFrom('organisation_members as m')
    .innerJoin('users', 'users.id', 'm.user_id')
    .select(columns)
    .where('m.organisation_id', '=', organisationId)
    .where('m.referent', '=', true)
    .limit(10)
    .execute();
  if (referents.length > 0) return referents;
  return db.selectFrom('users').select(columns).where('role', '=', 'admin').orderBy('created_at').limit(3).execute();
}

/** Confirms an asked link; false when there was none to confirm. */
export async function confirmAffiliation(db: Db, organisationId: string, userId: string): Promise<boolean> {
  const result = await db
    .updateTable('organisation_members')
    .set({ status: 'confirmed', confirmed_at: new Date() })
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Removes a link, asked or confirmed; false when there was none. */
export async function deleteAffiliation(db: Db, organisationId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('organisation_members')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Its confirmed people, listed in the directory or not, referents first, then by name. */
export const listConfirmedMembers = (db: Db, organisationId: string) =>
  db
    .selectFrom('organisation_members as m')
    .innerJoin('users', 'users.id', 'm.user_id')
    .select(['users.id', 'users.display_name', 'users.avatar_updated_at', 'm.referent'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.status', '=', 'confirmed')
    .orderBy('m.referent', 'desc')
    .orderBy(sql`directory_fold(users.display_name) collate "C"`)
    .limit(500)
    .execute();

/**
 * Makes a confirmed person a referent, or not. The status is checked again in the statement
 * (and by the table's check constraint), so a link withdrawn meanwhile is never made referent.
 * False when there was no confirmed link to change.
 */
export async function setReferent(db: Db, organisationId: string, userId: string, referent: boolean): Promise<boolean> {
  const result = await db
    .updateTable('organisation_members')
    .set({ referent })
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Links waiting for a referent or an admin, the oldest first. */
export const listPendingAffiliations = (db: Db, organisationId: string) =>
  db
    .selectFrom('organisation_members as m')
    .innerJoin('users', 'users.id', 'm.user_id')
    .select(['users.id', 'users.display_name', 'm.requested_at'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.status', '=', 'pending')
    .orderBy('m.requested_at')
    .limit(200)
    .execute();
