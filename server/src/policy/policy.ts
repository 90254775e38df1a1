/**
 * The one place that decides access. HTTP routes, socket room subscriptions, collab
 * connections, search results, ICS feeds and mail all ask these functions, so a rule changes
 * here or nowhere. Each function is pure: callers load the facts (the actor, the space, the
 * actor's membership) and the policy only judges them, which keeps it testable without a
 * database and cheap enough to call on every row of a list.
 *
 * Add one function per action (`canPostInSpace`, `canEditDocument`, …) beside the ones below,
 * built from the same small predicates.
 */

export type UserRole = 'member' | 'admin';

/** Who is asking: a signed-in user, or null for an anonymous visitor. */
export type Actor = { id: string; role: UserRole } | null;

/** What the policy needs to know about a space. */
export interface SpaceFacts {
  visibility: 'public' | 'members' | 'private';
  joinPolicy?: 'open' | 'request' | 'invite';
  status?: 'active' | 'archived';
}

/** The actor's membership of that space, or null when they have none. */
export type MembershipFacts = {
  userId: string;
  role: 'animateur' | 'membre';
  status: 'active' | 'pending';
} | null;

/** The actor derived from `request.auth` (or any session): only the id and role matter here. */
export function actorFrom(auth: { user: { id: string; role: UserRole } } | null | undefined): Actor {
  return auth ? { id: auth.user.id, role: auth.user.role } : null;
}

export const isAdmin = (actor: Actor): boolean => actor?.role === 'admin';

/**
 * An accepted member of the space. The membership must belong to the actor: a caller that
 * passes someone else's row by mistake gets a refusal, not a leak.
 */
export const isActiveMember = (actor: Actor, membership: MembershipFacts): boolean =>
  actor !== null && membership !== null && membership.userId === actor.id && membership.status === 'active';

/**
 * May the actor know the space exists: see it in `GET /api/spaces` and open its presentation
 * (title, summary, description, how to join). Public and members-only spaces are shown to
 * everyone, so that people can find them and ask to join; private spaces only to their active
 * members and to admins. Where this says no, routes answer 404, not 403.
 */
export function canListSpace(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  if (space.visibility !== 'private') return true;
  return isAdmin(actor) || isActiveMember(actor, membership);
}

/**
 * May the actor read what happens inside the space: discussions, documents, its events and
 * its live room. Public spaces are open to everyone, signed in or not; members-only and
 * private spaces to their active members and to admins. A pending request grants nothing yet.
 */
export function canViewSpace(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  if (space.visibility === 'public') return true;
  return isAdmin(actor) || isActiveMember(actor, membership);
}
