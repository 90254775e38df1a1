import type { Actor } from './policy';

/** Why a request is refused, as the API's error code (and the collab close reason). */
export type Refusal = 'not_found' | 'unauthenticated' | 'forbidden';

/**
 * How a "no" from the policy reads — the one rule for HTTP routes and collab connections.
 * A thing the actor may not even know exists (the policy's canList* / canKnow* said no) is
 * `not_found`, exactly like a thing that does not exist, so that private spaces and what they
 * hold leak nothing — to anonymous visitors either. Otherwise an anonymous visitor is asked
 * to sign in (`unauthenticated`) and a signed-in person is refused (`forbidden`).
 */
export function refusalOf(actor: Actor, known: boolean): Refusal {
  return known ? refusalOfKnown(actor) : 'not_found';
}

/** The rule for a thing the actor may know of: sign in first, or refused. */
export const refusalOfKnown = (actor: Actor): Exclude<Refusal, 'not_found'> =>
  actor === null ? 'unauthenticated' : 'forbidden';
