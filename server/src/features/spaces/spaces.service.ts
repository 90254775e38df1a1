import type { SpaceSummary } from '@atelier/contract';
import type { Db } from '../../db/database';
import { type Actor, canListSpace, type MembershipFacts } from '../../policy/policy';
import { listMembershipsOfUser, listSpacesWithMemberCount } from './spaces.queries';

const KIND_ORDER: Record<SpaceSummary['kind'], number> = { chantier: 0, communaute: 1, cohorte: 2 };
// Titles sort the French way whatever the database collation ("Éducation" among the E's).
const frenchCollator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export interface SpacesDeps {
  db: Db;
}

/**
 * The spaces the actor may see, chantiers first, then communautés, then cohortes, each by title.
 * The alliance has tens of spaces, not thousands: the policy judges every row in memory, so
 * the rule lives in the policy module only and not again in SQL.
 */
export async function listSpaces({ db }: SpacesDeps, { actor }: { actor: Actor }): Promise<SpaceSummary[]> {
  const [spaces, memberships] = await Promise.all([
    listSpacesWithMemberCount(db),
    actor ? listMembershipsOfUser(db, actor.id) : Promise.resolve([]),
  ]);
  const membershipBySpace = new Map<string, MembershipFacts>(
    memberships.map((row) => [row.space_id, { userId: row.user_id, role: row.role, status: row.status }]),
  );
  return spaces
    .filter((space) => canListSpace(actor, space, membershipBySpace.get(space.id) ?? null))
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || frenchCollator.compare(a.title, b.title))
    .map((space) => ({
      id: space.id,
      slug: space.slug,
      kind: space.kind,
      title: space.title,
      summary: space.summary,
      visibility: space.visibility,
      joinPolicy: space.join_policy,
      status: space.status,
      memberCount: Number(space.member_count ?? 0),
    }));
}
