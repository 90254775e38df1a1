import type { FantasticRole } from '@atelier/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { TerritoriesTable } from '../../db/schema';

export const listTerritoryRows = (db: Db) =>
  db
    .selectFrom('territories')
    .select(['id', 'level', 'code', 'name', 'programmes', 'lat', 'lon'])
    .orderBy(sql`directory_fold(name) collate "C"`)
    .orderBy('id')
    .limit(5000)
    .execute();

export const findTerritoryRow = (db: Db, id: string) =>
  db
    .selectFrom('territories')
    .select(['id', 'level', 'code', 'name', 'programmes', 'lat', 'lon'])
    .where('id', '=', id)
    .executeTakeFirst();

/** The spaces with a project in these territories, with what the policy needs to show them. */
export const listTerritorySpaces = (db: Db, territoryIds: readonly string[]) =>
  territoryIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('space_projects as p')
        .innerJoin('spaces', 'spaces.id', 'p.space_id')
        .select(['p.territory_id', 'p.theme', 'spaces.id', 'spaces.slug', 'spaces.title', 'spaces.visibility'])
        .where('p.territory_id', 'in', territoryIds)
        .orderBy('spaces.title')
        .execute();

/** Who holds each seat, and whether they chose to be listed in the directory. */
export const listTeamRows = (db: Db, territoryIds: readonly string[]) =>
  territoryIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('territory_team as t')
        .innerJoin('users', 'users.id', 't.user_id')
        .select(['t.territory_id', 't.role', 'users.id', 'users.display_name', 'users.listed_in_directory'])
        .where('t.territory_id', 'in', territoryIds)
        .execute();

/** The actor's memberships of the spaces in these territories. */
export const listMembershipsIn = (db: Db, userId: string, spaceIds: readonly string[]) =>
  spaceIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('memberships')
        .select(['space_id', 'user_id', 'role', 'status'])
        .where('user_id', '=', userId)
        .where('space_id', 'in', spaceIds)
        .execute();

export type TerritoryValues = Pick<TerritoriesTable, 'level' | 'code' | 'name' | 'programmes' | 'lat' | 'lon'>;

/** The new territory's id, or null when one with this level and code exists. */
export const insertTerritory = async (db: Db, values: TerritoryValues): Promise<string | null> => {
  const row = await db
    .insertInto('territories')
    .values(values)
    .onConflict((conflict) => conflict.columns(['level', 'code']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
};

export async function updateTerritory(db: Db, id: string, values: Partial<TerritoryValues>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.updateTable('territories').set(values).where('id', '=', id).execute();
}

export const findSpacesBySlug = (db: Db, slugs: readonly string[]) =>
  slugs.length === 0
    ? Promise.resolve([])
    : db.selectFrom('spaces').select(['id', 'slug']).where('slug', 'in', slugs).execute();

/**
 * The territory's spaces become exactly these: each keeps (or gets) a project there, under the
 * territory's name; projects of spaces no longer named lose the link but stay in their space.
 */
export async function linkSpaces(
  db: Db,
  territory: { id: string; name: string; code: string },
  /** A theme left undefined keeps the project's own. */
  spaces: ReadonlyArray<{ id: string; theme?: string | null | undefined }>,
): Promise<void> {
  const keep = spaces.map((space) => space.id);
  let unlink = db.updateTable('space_projects').set({ territory_id: null }).where('territory_id', '=', territory.id);
  if (keep.length > 0) unlink = unlink.where('space_id', 'not in', keep);
  await unlink.execute();
  for (const space of spaces) {
    const linked = await db
      .updateTable('space_projects')
      .set({ territory_id: territory.id, ...(space.theme === undefined ? {} : { theme: space.theme }) })
      .where('space_id', '=', space.id)
      // A project of that name already linked to another territory (two « Saint-Denis ») stays its.
      .where((eb) =>
        eb.or([
          eb('territory_id', '=', territory.id),
          eb.and([eb('territory', '=', territory.name), eb('territory_id', 'is', null)]),
        ]),
      )
      .returning('id')
      .execute();
    if (linked.length > 0) continue;
    const last = await db
      .selectFrom('space_projects')
      .select([
        (eb) => eb.fn.max('position').as('position'),
        (eb) => eb.fn.countAll<string>().filterWhere('territory', '=', territory.name).as('same_name'),
      ])
      .where('space_id', '=', space.id)
      .executeTakeFirst();
    await db
      .insertInto('space_projects')
      .values({
        space_id: space.id,
        // Its name, or with its code when the space already has a project of that name.
        territory: Number(last?.same_name ?? 0) > 0 ? `${territory.name} (${territory.code})` : territory.name,
        theme: space.theme ?? null,
        territory_id: territory.id,
        position: (last?.position ?? -1) + 1,
      })
      .execute();
  }
}

/** Is the person an active member of one of these spaces. */
export const isMemberOfAny = async (db: Db, userId: string, spaceIds: readonly string[]): Promise<boolean> =>
  spaceIds.length > 0 &&
  (await db
    .selectFrom('memberships')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('space_id', 'in', spaceIds)
    .where('status', '=', 'active')
    .executeTakeFirst()) !== undefined;

export const putSeat = (db: Db, territoryId: string, role: FantasticRole, userId: string) =>
  db
    .insertInto('territory_team')
    .values({ territory_id: territoryId, role, user_id: userId })
    .onConflict((conflict) =>
      conflict.columns(['territory_id', 'role']).doUpdateSet({ user_id: userId, since: sql`now()` }),
    )
    .execute();

/**
 * The person takes the seat if it is vacant and the space accompanies the territory (an
 * invitation from the space's CSV); false otherwise.
 */
export async function takeVacantSeat(
  db: Db,
  territoryId: string,
  role: FantasticRole,
  spaceId: string,
  userId: string,
): Promise<boolean> {
  const taken = await db
    .insertInto('territory_team')
    .columns(['territory_id', 'role', 'user_id'])
    .expression((eb) =>
      eb
        .selectFrom('space_projects')
        .select([
          sql<string>`${territoryId}::uuid`.as('territory_id'),
          sql<FantasticRole>`${role}::text`.as('role'),
          sql<string>`${userId}::uuid`.as('user_id'),
        ])
        .where('space_id', '=', spaceId)
        .where('territory_id', '=', territoryId)
        .limit(1),
    )
    .onConflict((conflict) => conflict.columns(['territory_id', 'role']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return taken !== undefined;
}

export const vacateSeat = (db: Db, territoryId: string, role: FantasticRole) =>
  db.deleteFrom('territory_team').where('territory_id', '=', territoryId).where('role', '=', role).execute();

/** Accompanied territories by code, and whether this space accompanies each. */
export const findTerritoriesByCodes = (db: Db, codes: readonly string[], spaceId: string) =>
  codes.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('territories')
        .select([
          'territories.id',
          'territories.code',
          'territories.name',
          'territories.level',
          (eb) =>
            eb
              .exists(
                eb
                  .selectFrom('space_projects')
                  .select('space_projects.id')
                  .whereRef('space_projects.territory_id', '=', 'territories.id')
                  .where('space_projects.space_id', '=', spaceId),
              )
              .as('here'),
        ])
        .where('territories.code', 'in', codes)
        .execute();

/** Which of these territories exist already, as `level:code`. */
export const listExistingCodes = async (db: Db, codes: readonly string[]): Promise<Set<string>> =>
  new Set(
    codes.length === 0
      ? []
      : (await db.selectFrom('territories').select(['level', 'code']).where('code', 'in', codes).execute()).map(
          (row) => `${row.level}:${row.code}`,
        ),
  );

/** Links the projects that name the territory as `project` (and no territory yet) to it. */
export const linkProjectsNamed = (db: Db, territoryId: string, project: string) =>
  db
    .updateTable('space_projects')
    .set({ territory_id: territoryId })
    .where('territory', '=', project)
    .where('territory_id', 'is', null)
    .execute();

/**
 * Leaves vacant the seats of a person who is no longer an active member of any space that
 * accompanies the territory (they left, or were removed): a seat is held from within.
 */
export const vacateSeatsOutsideSpaces = (db: Db, userId: string) =>
  db
    .deleteFrom('territory_team as t')
    .where('t.user_id', '=', userId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('space_projects as p')
            .innerJoin('memberships as m', 'm.space_id', 'p.space_id')
            .select('p.id')
            .whereRef('p.territory_id', '=', 't.territory_id')
            .where('m.user_id', '=', userId)
            .where('m.status', '=', 'active'),
        ),
      ),
    )
    .execute();
