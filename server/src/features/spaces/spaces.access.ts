import type { Authorizable } from '../../core/authorize';
import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { AppError, notFound } from '../../errors';
import { type Actor, canListSpace, type MembershipFacts, type SpaceFacts } from '../../policy/policy';
import { findMembership } from './memberships.queries';
import { findSpaceById, findSpaceBySlug, type SpaceRecord } from './spaces.queries';

/**
 * The facts every access decision about a space starts from: the space, and the actor's own
 * membership of it. Spaces, discussions, documents, resources, events, their socket rooms and
 * collab connections all load them here, then ask the policy and `authorize` (core).
 */
export interface SpaceContext extends Authorizable {
  space: SpaceRecord;
  facts: SpaceFacts;
  membership: MembershipFacts;
}

/** A space by its URL name or by id. */
export type SpaceRef = { slug: string } | { id: string };

export const spaceFacts = (space: Pick<SpaceRecord, 'visibility' | 'join_policy' | 'status'>): SpaceFacts => ({
  visibility: space.visibility,
  joinPolicy: space.join_policy,
  status: space.status,
});

/** A membership row as the policy reads it (the one place rows become `MembershipFacts`). */
export const toMembershipFacts = (
  row: Pick<NonNullable<Awaited<ReturnType<typeof findMembership>>>, 'user_id' | 'role' | 'status'> | null | undefined,
): MembershipFacts => (row ? { userId: row.user_id, role: row.role, status: row.status } : null);

/** The actor's own membership of the space (any status); null for anonymous visitors. */
export async function loadMembershipFacts(db: Db, spaceId: string, actor: Actor): Promise<MembershipFacts> {
  return actor ? toMembershipFacts(await findMembership(db, spaceId, actor.id)) : null;
}

/** The space and the actor's membership, or null for an unknown space (or a malformed id). */
export async function findSpaceContext(db: Db, ref: SpaceRef, actor: Actor): Promise<SpaceContext | null> {
  let space: SpaceRecord | undefined;
  if ('slug' in ref) space = await findSpaceBySlug(db, ref.slug);
  else if (isUuid(ref.id)) space = await findSpaceById(db, ref.id);
  if (!space) return null;
  const facts = spaceFacts(space);
  const membership = await loadMembershipFacts(db, space.id, actor);
  return { actor, space, facts, membership, known: canListSpace(actor, facts, membership), subject: 'space' };
}

/** `findSpaceContext`, with unknown spaces → 404. */
export async function loadSpaceContext(db: Db, ref: SpaceRef, actor: Actor): Promise<SpaceContext> {
  const context = await findSpaceContext(db, ref, actor);
  if (!context) throw notFound('space');
  return context;
}

/**
 * What documents and events are judged by: their space's facts and the actor's membership,
 * or `space: null` for what belongs to the whole alliance. Null when the space is gone.
 */
export async function findSpaceOrAllianceFacts(
  db: Db,
  spaceId: string | null,
  actor: Actor,
): Promise<{ space: SpaceFacts | null; membership: MembershipFacts } | null> {
  if (spaceId === null) return { space: null, membership: null };
  const context = await findSpaceContext(db, { id: spaceId }, actor);
  return context && { space: context.facts, membership: context.membership };
}

/** `findSpaceOrAllianceFacts`, with an unknown space → 404. */
export async function loadSpaceOrAllianceFacts(db: Db, spaceId: string | null, actor: Actor) {
  const facts = await findSpaceOrAllianceFacts(db, spaceId, actor);
  if (!facts) throw notFound('space');
  return facts;
}

export const spaceArchived = () => new AppError('space_archived', 'this space is archived');
export const notMember = (message = 'no such membership in this space') => new AppError('not_member', message);
