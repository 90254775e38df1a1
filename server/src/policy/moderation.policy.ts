/**
 * Trust and safety: who may flag, who moderates (the queues and their decisions), who reads a
 * hidden post, who may block. Pure functions over the same facts as `policy.ts`. Routes first
 * ask whether the actor may know the thing (its space's canList* / the documents' canKnow*,
 * no → 404), then one of these (no → 401 for anonymous visitors, 403 otherwise).
 */
import { type Actor, canListSpace, canModerateThreads, isAdmin, type MembershipFacts, type SpaceFacts } from './policy';

/** What the policy needs to know about a flagged (or flaggable) thing. */
export interface FlagTargetFacts {
  /** Whether the actor may read it (the thing's own read rule, asked by the caller). */
  readable: boolean;
  /** Who wrote or shared it; null once that account is gone. */
  authorId: string | null;
}

/**
 * Flag a post, document or file: signed-in people who may read it — one cannot report what one
 * cannot see, and anonymous reports could be used to hide anything — but not its author.
 */
export function canFlag(actor: Actor, target: FlagTargetFacts): boolean {
  return actor !== null && target.readable && target.authorId !== actor.id;
}

/**
 * Moderate what belongs to a space (see its queue, decide on its flags): its active
 * animateur·ices and admins, those who already pin, lock and delete there. What belongs to no
 * space (alliance documents) is moderated by admins only.
 */
export function canModerate(actor: Actor, space: SpaceFacts | null, membership: MembershipFacts): boolean {
  if (space === null) return isAdmin(actor);
  return canModerateThreads(actor, space, membership);
}

/**
 * Know that a flag exists (before deciding on it): what a space's flag is about is known where
 * the space is; a flag on what belongs to no space, to any signed-in person.
 */
export function canKnowFlag(actor: Actor, space: SpaceFacts | null, membership: MembershipFacts): boolean {
  return space === null ? actor !== null : canListSpace(actor, space, membership);
}

/** The queue of every space and of what belongs to none: admins. */
export function canSeeAllFlags(actor: Actor): boolean {
  return isAdmin(actor);
}

/**
 * Read a hidden post's body: its author (who should know what was hidden) and whoever
 * moderates the space (who must read it to decide). Everyone else sees that it was hidden.
 */
export function canSeeHiddenPost(
  actor: Actor,
  space: SpaceFacts,
  membership: MembershipFacts,
  post: { authorId: string },
): boolean {
  if (actor !== null && actor.id === post.authorId) return true;
  return canModerate(actor, space, membership);
}

/**
 * Block (or unblock) a person: any signed-in person, whoever the other is — blocking only
 * filters what reaches the blocker, it takes nothing from the blocked person.
 */
export function canBlock(actor: Actor): boolean {
  return actor !== null;
}
