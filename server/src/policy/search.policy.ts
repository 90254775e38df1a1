/**
 * What a search may return. A search reads thousands of rows at once, so it cannot ask
 * `canViewSpace` row by row: the policy gives the query its scope as plain data, and the
 * query turns it into a condition. The two functions below read a scope the way the query
 * does, and the policy's tests check that they agree with `canViewSpace`, `canListSpace` and
 * `canSeeDirectory` on every combination — the rule still lives here alone.
 */
import { type Actor, canSeeDirectory, isActiveMember, isAdmin, type MembershipFacts, type SpaceFacts } from './policy';

export interface SearchScope {
  /** Admins read every space. */
  allSpaces: boolean;
  /** Besides public spaces, the content of the spaces where this person is an active member. */
  memberId: string | null;
  /** Listed people of the directory. */
  people: boolean;
}

export function searchScope(actor: Actor): SearchScope {
  return { allSpaces: isAdmin(actor), memberId: actor?.id ?? null, people: canSeeDirectory(actor) };
}

const memberOf = (scope: SearchScope, membership: MembershipFacts) =>
  scope.memberId !== null && isActiveMember({ id: scope.memberId, role: 'member' }, membership);

/** A result inside a space (a thread, a post, a document …): whether the scope reads it. */
export function scopeReadsSpace(scope: SearchScope, space: SpaceFacts, membership: MembershipFacts): boolean {
  return scope.allSpaces || space.visibility === 'public' || memberOf(scope, membership);
}

/** A space itself as a result: whether the scope may know it exists. */
export function scopeListsSpace(scope: SearchScope, space: SpaceFacts, membership: MembershipFacts): boolean {
  return scope.allSpaces || space.visibility !== 'private' || memberOf(scope, membership);
}
