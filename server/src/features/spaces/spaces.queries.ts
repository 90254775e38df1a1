import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/database';
import type { DB } from '../../db/schema';

/** The columns of a space's summary card, shared by the space list and "Mes espaces". */
export const SPACE_SUMMARY_COLUMNS = [
  'spaces.id',
  'spaces.slug',
  'spaces.kind',
  'spaces.title',
  'spaces.summary',
  'spaces.visibility',
  'spaces.join_policy',
  'spaces.status',
] as const;

/** Active members of the space in the outer query, as a correlated subquery. */
export const activeMemberCount = (eb: ExpressionBuilder<DB, 'spaces'>) =>
  eb
    .selectFrom('memberships as counted')
    .select((sub) => sub.fn.countAll<number>().as('count'))
    .whereRef('counted.space_id', '=', 'spaces.id')
    .where('counted.status', '=', 'active')
    .as('member_count');

/** Every space with its number of active members; the policy filters, the service orders. */
export async function listSpacesWithMemberCount(db: Db) {
  return db
    .selectFrom('spaces')
    .select((eb) => [...SPACE_SUMMARY_COLUMNS, activeMemberCount(eb)])
    .execute();
}

/** A user's memberships (any status), keyed by the space they belong to. */
export async function listMembershipsOfUser(db: Db, userId: string) {
  return db
    .selectFrom('memberships')
    .select(['space_id', 'user_id', 'role', 'status'])
    .where('user_id', '=', userId)
    .execute();
}

export const SPACE_COLUMNS = [
  'spaces.id',
  'spaces.slug',
  'spaces.kind',
  'spaces.title',
  'spaces.summary',
  'spaces.description',
  'spaces.goals',
  'spaces.period',
  'spaces.partners',
  'spaces.audience',
  'spaces.visibility',
  'spaces.join_policy',
  'spaces.status',
  'spaces.guest_registration',
] as const;

export const findSpaceBySlug = (db: Db, slug: string) =>
  db.selectFrom('spaces').select(SPACE_COLUMNS).where('slug', '=', slug).executeTakeFirst();

export const findSpaceById = (db: Db, id: string) =>
  db.selectFrom('spaces').select(SPACE_COLUMNS).where('id', '=', id).executeTakeFirst();

export type SpaceRecord = NonNullable<Awaited<ReturnType<typeof findSpaceBySlug>>>;

/**
 * Locks the space row until the transaction ends. Every change that could leave a space
 * without an animateur takes this lock first, so two animateurs leaving at once are
 * serialised and the second sees that the first is gone.
 */
export const lockSpace = (db: Db, spaceId: string) =>
  db.selectFrom('spaces').select('id').where('id', '=', spaceId).forUpdate().executeTakeFirst();

export async function countActiveMembers(db: Db, spaceId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('space_id', '=', spaceId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export const listProjects = (db: Db, spaceId: string) =>
  db
    .selectFrom('space_projects')
    .select(['territory', 'theme', 'territory_id as territoryId'])
    .where('space_id', '=', spaceId)
    .orderBy('position')
    .execute();

export const listAnimateurs = (db: Db, spaceId: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.display_name'])
    .where('memberships.space_id', '=', spaceId)
    .where('memberships.status', '=', 'active')
    .where('memberships.role', '=', 'animateur')
    .orderBy('users.display_name')
    .orderBy('users.id')
    .execute();

export interface SpaceValues {
  kind?: 'chantier' | 'communaute' | 'cohorte' | undefined;
  title?: string | undefined;
  summary?: string | undefined;
  description?: string | undefined;
  goals?: string[] | undefined;
  period?: string | null | undefined;
  partners?: string[] | undefined;
  audience?: string | null | undefined;
  visibility?: 'public' | 'members' | 'private' | undefined;
  join_policy?: 'open' | 'request' | 'invite' | undefined;
  status?: 'active' | 'archived' | undefined;
  guest_registration?: boolean | undefined;
}

/** Inserts a space; returns undefined when the slug is taken (the caller answers 409). */
export const insertSpace = (
  db: Db,
  values: SpaceValues & Required<Pick<SpaceValues, 'kind' | 'title' | 'visibility' | 'join_policy'>> & { slug: string },
) =>
  db
    .insertInto('spaces')
    .values(values)
    .onConflict((conflict) => conflict.column('slug').doNothing())
    .returning('id')
    .executeTakeFirst();

export async function updateSpace(db: Db, spaceId: string, values: SpaceValues) {
  const set = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  await db
    .updateTable('spaces')
    .set({ ...set, updated_at: new Date() })
    .where('id', '=', spaceId)
    .execute();
}

/**
 * Replaces the whole list of territories / organisations, keeping the given order. A project
 * kept under the same name stays linked to its accompanied territory.
 */
export async function replaceProjects(
  db: Db,
  spaceId: string,
  projects: { territory: string; theme: string | null }[],
) {
  const removed = await db
    .deleteFrom('space_projects')
    .where('space_id', '=', spaceId)
    .returning(['territory', 'territory_id'])
    .execute();
  if (projects.length === 0) return;
  const linked = new Map(removed.map((project) => [project.territory, project.territory_id]));
  await db
    .insertInto('space_projects')
    .values(
      projects.map((project, position) => ({
        space_id: spaceId,
        ...project,
        position,
        territory_id: linked.get(project.territory) ?? null,
      })),
    )
    .execute();
}
