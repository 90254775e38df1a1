import { AppError, forbidden, notFound, unauthenticated } from '../errors';
import type { Actor } from '../policy/policy';
import { refusalOf } from '../policy/refusal';

/**
 * What a request's context loader hands to `authorize`: who asks, whether the policy lets them
 * know the thing exists (its canList* / canKnow* answer, judged when the facts were loaded),
 * and what a 404 names.
 */
export interface Authorizable {
  actor: Actor;
  known: boolean;
  subject: string;
}

/**
 * The one authorize step of a request: load the context (`load*Context`), ask the policy for
 * the action, then `authorize(context, canDoIt(...))`. A refusal becomes the API's answer by
 * one rule (`policy/refusal.ts`): 404 for a thing the actor may not know of, 401 for an
 * anonymous visitor, 403 otherwise. `message` replaces the 403's generic one.
 */
export function authorize(context: Authorizable, allowed: boolean, message?: string): void {
  if (context.known && allowed) return;
  const refusal = refusalOf(context.actor, context.known);
  if (refusal === 'not_found') throw notFound(context.subject);
  if (refusal === 'unauthenticated') throw unauthenticated();
  throw message ? new AppError('forbidden', message) : forbidden();
}

/** The context of a decision about no particular thing (create a space, read the directory). */
export const actorOnly = (actor: Actor, subject: string): Authorizable => ({ actor, known: true, subject });
