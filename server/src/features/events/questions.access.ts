import type { Event } from '@atelier/contract';
import type { Db } from '../../db/database';
import { canManageEvent, canSeeVideoLink } from '../../policy/events.policy';
import type { Actor } from '../../policy/policy';
import { type EventContext as BaseEventContext, ensure, loadEventContext as loadBaseContext } from './events.access';
import { toEvent } from './events.mappers';
import { findRegistration, seatCountsOf } from './registrations.queries';

/** The event's context (see `events.access.ts`) with the actor's own registration, any status. */
export interface EventContext extends BaseEventContext {
  registration: { status: 'registered' | 'waitlisted' | 'cancelled' } | null;
}

/** Loads the event, the actor's membership of its space and their registration; unknown ids → 404. */
export async function loadEventContext(db: Db, eventId: string, actor: Actor): Promise<EventContext> {
  const context = await loadBaseContext(db, eventId, actor);
  const registration = actor ? await findRegistration(db, context.event.id, actor.id) : undefined;
  return { ...context, registration: registration ? { status: registration.status } : null };
}

/** 404 for an event the actor may not know of, else 401/403 when `allowed` is false. */
export const ensureEvent = ensure;

/** The event as the actor sees it (`EventSchema`): seat counts, the visio link only if the policy says so. */
export async function presentEvent(db: Db, context: EventContext): Promise<Event> {
  return toEvent(context.event, await seatCountsOf(db, context.event.id), {
    showVideoUrl: canSeeVideoLink(context.actor, context.facts, context.registration),
    canManage: canManageEvent(context.actor, context.facts),
  });
}
