import {
  FANTASTIC_ROLES,
  type FantasticRole,
  type Territory,
  type TerritoryCreateBody,
  type TerritoryList,
  type TerritoryUpdateBody,
} from '@atelier/contract';
import { type Authorizable, actorOnly, authorize } from '../../core/authorize';
import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import { type Actor, canListSpace, canSeeDirectory, type MembershipFacts } from '../../policy/policy';
import { canManageTerritories, canManageTerritoryTeam, canReadTerritories } from '../../policy/territories.policy';
import { franceMap } from './france-map';
import { isOfficialCode, officialName } from './official-territories';
import {
  findSpacesBySlug,
  findTerritoryRow,
  insertTerritory,
  isMemberOfAny,
  linkSpaces,
  listMembershipsIn,
  listTeamRows,
  listTerritoryRows,
  listTerritorySpaces,
  putSeat,
  type TerritoryValues,
  updateTerritory,
  vacateSeat,
} from './territories.queries';

export interface TerritoriesDeps {
  db: Db;
}

type TerritoryRow = NonNullable<Awaited<ReturnType<typeof findTerritoryRow>>>;
const ROLES = Object.keys(FANTASTIC_ROLES) as FantasticRole[];

/**
 * The territories as the actor sees them: the spaces they may know of, the seats' holders
 * they may know of (people listed in the directory, for the signed-in), whether they may name
 * the team, and where each stands on the map.
 */
async function describe(db: Db, actor: Actor, rows: TerritoryRow[]): Promise<Territory[]> {
  const ids = rows.map((row) => row.id);
  const [spaces, seats] = await Promise.all([listTerritorySpaces(db, ids), listTeamRows(db, ids)]);
  const spaceIds = [...new Set(spaces.map((space) => space.id))];
  const memberships = new Map<string, MembershipFacts>(
    actor
      ? (await listMembershipsIn(db, actor.id, spaceIds)).map((m) => [
          m.space_id,
          { userId: m.user_id, role: m.role, status: m.status },
        ])
      : [],
  );
  const map = franceMap();
  return rows.map((row) => {
    const own = spaces.filter((space) => space.territory_id === row.id);
    const canManageTeam = canManageTerritoryTeam(
      actor,
      own.map((space) => memberships.get(space.id) ?? null),
    );
    const team = ROLES.map((role) => {
      const holder = seats.find((seat) => seat.territory_id === row.id && seat.role === role);
      if (!holder) return { role, filled: false, person: null };
      const named = canManageTeam || actor?.id === holder.id || (holder.listed_in_directory && canSeeDirectory(actor));
      return { role, filled: true, person: named ? { id: holder.id, displayName: holder.display_name } : null };
    });
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      level: row.level,
      programmes: row.programmes,
      spaces: own
        .filter((space) => canListSpace(actor, space, memberships.get(space.id) ?? null))
        .map((space) => ({ slug: space.slug, title: space.title, theme: space.theme })),
      lat: row.lat,
      lon: row.lon,
      position: row.lat === null || row.lon === null ? null : map.place(row.lat, row.lon),
      team,
      canManageTeam,
    };
  });
}

/** `GET /territories`: every accompanied territory, and the map to draw them on. */
export async function listTerritories({ db }: TerritoriesDeps, { actor }: { actor: Actor }): Promise<TerritoryList> {
  authorize(actorOnly(actor, 'territories'), canReadTerritories(actor));
  const items = await describe(db, actor, await listTerritoryRows(db));
  const { width, height, outline } = franceMap();
  return { items, map: { width, height, outline } };
}

interface TerritoryContext extends Authorizable {
  territory: TerritoryRow;
}

async function loadTerritoryContext(db: Db, id: string, actor: Actor): Promise<TerritoryContext> {
  const territory = await findTerritoryRow(db, id);
  if (!territory) throw new AppError('not_found', 'no such territory');
  return { actor, known: true, subject: 'territory', territory };
}

async function territoryResponse(db: Db, actor: Actor, id: string): Promise<{ territory: Territory }> {
  const row = await findTerritoryRow(db, id);
  if (!row) throw new AppError('not_found', 'no such territory');
  const [territory] = await describe(db, actor, [row]);
  if (!territory) throw new AppError('not_found', 'no such territory');
  return { territory };
}

/** The spaces named by slug, with their themes; an unknown slug is a field error. */
async function spacesOf(db: Db, wanted: NonNullable<TerritoryCreateBody['spaces']>) {
  const found = new Map(
    (
      await findSpacesBySlug(
        db,
        wanted.map((space) => space.slug),
      )
    ).map((s) => [s.slug, s.id]),
  );
  const unknown = wanted.filter((space) => !found.has(space.slug)).map((space) => space.slug);
  if (unknown.length > 0) {
    throw new AppError('invalid_input', 'no such space', {
      'body.spaces': unknown.map((slug) => `no space "${slug}"`),
    });
  }
  return wanted.map((space) => ({ id: found.get(space.slug) ?? '', theme: space.theme }));
}

/** The official name of a commune, EPCI, département or région; the given one for other groupings. */
function nameFor(level: TerritoryCreateBody['level'], code: string, given: string | undefined): string {
  if (level === 'other') {
    if (!isOfficialCode(level, code)) {
      throw new AppError('invalid_input', 'a grouping is named by its SIREN', { 'body.code': ['not a valid SIREN'] });
    }
    if (!given) throw new AppError('invalid_input', 'a grouping needs a name', { 'body.name': ['required'] });
    return given;
  }
  const name = officialName(level, code);
  if (!name) {
    throw new AppError('invalid_input', 'unknown territory code', {
      'body.code': [`no ${level} has the code "${code}" in the official list`],
    });
  }
  return name;
}

/** `POST /territories` (admins). */
export async function createTerritory(
  { db }: TerritoriesDeps,
  { actor, body }: { actor: Actor; body: TerritoryCreateBody },
): Promise<{ territory: Territory }> {
  authorize(actorOnly(actor, 'territories'), canManageTerritories(actor));
  const values: TerritoryValues = {
    level: body.level,
    code: body.code,
    name: nameFor(body.level, body.code, body.name),
    programmes: [...new Set(body.programmes)],
    lat: body.lat ?? null,
    lon: body.lon ?? null,
  };
  const spaces = body.spaces ? await spacesOf(db, body.spaces) : [];
  const id = await db.transaction().execute(async (trx) => {
    const created = await insertTerritory(trx, values);
    if (created) await linkSpaces(trx, { id: created, name: values.name, code: values.code }, spaces);
    return created;
  });
  if (!id) throw new AppError('conflict', 'this territory is already accompanied');
  return territoryResponse(db, actor, id);
}

/** `PATCH /territories/:id` (admins). Only another grouping's name may change: an official one follows the list. */
export async function editTerritory(
  { db }: TerritoriesDeps,
  { actor, id, body }: { actor: Actor; id: string; body: TerritoryUpdateBody },
): Promise<{ territory: Territory }> {
  const context = await loadTerritoryContext(db, id, actor);
  authorize(context, canManageTerritories(actor));
  const { territory } = context;
  if (body.name !== undefined && territory.level !== 'other') {
    throw new AppError('invalid_input', 'an official territory keeps its official name', {
      'body.name': ['only other groupings are renamed'],
    });
  }
  const spaces = body.spaces ? await spacesOf(db, body.spaces) : undefined;
  const name = body.name ?? territory.name;
  await db.transaction().execute(async (trx) => {
    await updateTerritory(trx, id, {
      ...(body.name === undefined ? {} : { name }),
      ...(body.programmes === undefined ? {} : { programmes: [...new Set(body.programmes)] }),
      ...(body.lat === undefined ? {} : { lat: body.lat, lon: body.lon ?? null }),
    });
    if (spaces) await linkSpaces(trx, { id, name, code: territory.code }, spaces);
  });
  return territoryResponse(db, actor, id);
}

/** The territory's spaces' ids, and whether the actor may name its team. */
async function loadTeamContext(db: Db, id: string, actor: Actor) {
  const context = await loadTerritoryContext(db, id, actor);
  const spaceIds = (await listTerritorySpaces(db, [id])).map((space) => space.id);
  const memberships = actor ? await listMembershipsIn(db, actor.id, spaceIds) : [];
  const facts = memberships.map((m) => ({ userId: m.user_id, role: m.role, status: m.status }));
  authorize(context, canManageTerritoryTeam(actor, facts));
  return spaceIds;
}

/** `PUT /territories/:id/team/:role`: a member of one of its spaces takes the seat (admins see everyone). */
export async function setSeat(
  { db }: TerritoriesDeps,
  { actor, id, role, userId }: { actor: Actor; id: string; role: FantasticRole; userId: string },
): Promise<{ territory: Territory }> {
  const spaceIds = await loadTeamContext(db, id, actor);
  if (!(await isMemberOfAny(db, userId, spaceIds))) {
    throw new AppError('invalid_input', 'only a member of a space accompanying the territory holds a seat', {
      'body.userId': ['not a member of a space accompanying this territory'],
    });
  }
  await putSeat(db, id, role, userId);
  return territoryResponse(db, actor, id);
}

/** `DELETE /territories/:id/team/:role`: the seat becomes vacant. */
export async function vacate(
  { db }: TerritoriesDeps,
  { actor, id, role }: { actor: Actor; id: string; role: FantasticRole },
): Promise<void> {
  await loadTeamContext(db, id, actor);
  await vacateSeat(db, id, role);
}
