import {
  DIRECTORY_PAGE_SIZE,
  type DirectoryOrganisations,
  type DirectoryOrganisationsQuery,
  type DirectoryPeople,
  type DirectoryPeopleQuery,
  FantasticRoleSchema,
  OrganisationKindSchema,
} from '@atelier/contract';
import { z } from 'zod';
import { decodeCursor, pageOf } from '../../core/cursors';
import type { Db } from '../../db/database';
import { AppError, unauthenticated } from '../../errors';
import { type Actor, canSeeDirectory } from '../../policy/policy';
import { avatarUrl } from '../accounts/avatars.content';
import { listDirectoryOrganisations, listDirectoryPeople } from './directory.queries';

export interface DirectoryDeps {
  db: Db;
}

// Territories sort the French way whatever the database collation.
const frenchCollator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Same comparison as `directory_fold` in the database: case and accents do not count. */
const fold = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** Refuses with 401 (anonymous) or 403 unless the policy opens the directory to the actor. */
export function assertCanSeeDirectory(actor: Actor) {
  if (canSeeDirectory(actor)) return;
  throw actor ? new AppError('forbidden', 'the directory is not open to you') : unauthenticated();
}

// Profiles are written through the contract's enums; a value from elsewhere (an old import, a
// hand edit) is shown as "not given" rather than failing the whole page.
const organisationKindOf = (value: string | null) => OrganisationKindSchema.safeParse(value).data ?? null;
const fantasticRoleOf = (value: string | null) => FantasticRoleSchema.safeParse(value).data ?? null;

/**
 * Where a page of the directory stopped: the last person's folded name and id. Display names
 * never hold control characters (a NUL would even be refused by PostgreSQL).
 */
const DirectoryCursorSchema = z.tuple([
  z
    .string()
    .max(400)
    .refine((key) => !/[\u0000-\u001f\u007f]/.test(key)),
  z.uuid(),
]);

/** One page of the people who chose to be listed, by name, with the cursor of the next page. */
export async function listPeople(
  { db }: DirectoryDeps,
  { actor, query }: { actor: Actor; query: DirectoryPeopleQuery },
): Promise<DirectoryPeople> {
  assertCanSeeDirectory(actor);
  const { cursor, limit = DIRECTORY_PAGE_SIZE, ...filters } = query;
  const position = decodeCursor(cursor, DirectoryCursorSchema);
  const after = position ? { sortKey: position[0], id: position[1] } : undefined;
  const rows = await listDirectoryPeople(db, filters, { after, limit });
  const page = pageOf(rows, limit, (last) => [last.sort_key, last.id]);
  return {
    items: page.rows.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      avatarUrl: avatarUrl(row.id, row.avatar_updated_at),
      organisationName: row.organisation_name,
      organisationKind: organisationKindOf(row.organisation_kind),
      territory: row.territory,
      fantasticRole: fantasticRoleOf(row.fantastic_role),
      themes: row.themes,
      bio: row.bio,
    })),
    nextCursor: page.nextCursor,
  };
}

/** A page of organisations stopped at this folded name. */
const OrganisationCursorSchema = z
  .string()
  .max(400)
  .refine((key) => !/[\u0000-\u001f\u007f]/.test(key));

/** One page of the organisations of the listed people matching the filters, by name. */
export async function listOrganisations(
  { db }: DirectoryDeps,
  { actor, query }: { actor: Actor; query: DirectoryOrganisationsQuery },
): Promise<DirectoryOrganisations> {
  assertCanSeeDirectory(actor);
  const { cursor, limit = DIRECTORY_PAGE_SIZE, ...filters } = query;
  const after = decodeCursor(cursor, OrganisationCursorSchema) ?? undefined;
  const rows = await listDirectoryOrganisations(db, filters, { after, limit });
  const page = pageOf(rows, limit, (last) => last.sort_key);
  return {
    items: page.rows.map((row) => ({
      name: row.name,
      kind: organisationKindOf(row.kind),
      territories: distinctTerritories(row.territories ?? []),
      memberCount: Number(row.member_count),
    })),
    nextCursor: page.nextCursor,
  };
}

/** Territories as people wrote them, once each however they spelled the case or accents. */
function distinctTerritories(territories: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const territory of territories) {
    const key = fold(territory);
    if (key && !byKey.has(key)) byKey.set(key, territory.trim());
  }
  return [...byKey.values()].sort(frenchCollator.compare);
}
