import type { Db } from '../../db/database';
import { AppError, forbidden, notFound, unauthenticated } from '../../errors';
import { type Actor, canListSpace, type MembershipFacts, type SpaceFacts } from '../../policy/policy';
import { findMembership } from './memberships.queries';
import { findSpaceBySlug, type SpaceRecord } from './spaces.queries';

/** The facts the policy judges for one request on one space. */
export interface SpaceContext {
  actor: Actor;
  space: SpaceRecord;
  facts: SpaceFacts;
  membership: MembershipFacts;
}

export const spaceFacts = (space: Pick<SpaceRecord, 'visibility' | 'join_policy' | 'status'>): SpaceFacts => ({
  visibility: space.visibility,
  joinPolicy: space.join_policy,
  status: space.status,
});

/** Loads the space by slug and the actor's own membership of it; unknown slugs → 404. */
export async function loadSpaceContext(db: Db, slug: string, actor: Actor): Promise<SpaceContext> {
  const space = await findSpaceBySlug(db, slug);
  if (!space) throw notFound('space');
  const row = actor ? await findMembership(db, space.id, actor.id) : undefined;
  const membership: MembershipFacts = row ? { userId: row.user_id, role: row.role, status: row.status } : null;
  return { actor, space, facts: spaceFacts(space), membership };
}

/**
 * Turns a policy answer into the API's answer. The policy decides; this only chooses how a
 * refusal reads: a space the actor may not know of is 404 (its existence stays private), an
 * anonymous visitor is asked to sign in (401), anyone else is refused (403).
 */
export function ensureAllowed(context: SpaceContext, allowed: boolean): void {
  if (!canListSpace(context.actor, context.facts, context.membership)) throw notFound('space');
  if (allowed) return;
  throw context.actor ? forbidden() : unauthenticated();
}

export const spaceArchived = () => new AppError('space_archived', 'this space is archived');
export const notMember = (message = 'no such membership in this space') => new AppError('not_member', message);
