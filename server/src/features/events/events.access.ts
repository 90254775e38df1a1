import type { Authorizable } from '../../core/authorize';
import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { AppError, notFound } from '../../errors';
import { canKnowEvent, type EventAccessFacts } from '../../policy/events.policy';
import type { Actor } from '../../policy/policy';
import { loadMembershipFacts, loadSpaceOrAllianceFacts } from '../spaces/spaces.access';
import { type EventRecord, findEvent } from './events.queries';
import { findRegistration } from './registrations/registrations.queries';

/** The actor's own registration to an event, any status; null when they never registered. */
export type RegistrationFacts = { status: 'registered' | 'waitlisted' | 'cancelled' } | null;

/**
 * The facts the policy judges for one request on one event — the agenda, registrations,
 * calendars, questions, attendance and the compte rendu all load this one shape.
 */
export interface EventContext extends Authorizable {
  event: EventRecord;
  facts: EventAccessFacts;
  registration: RegistrationFacts;
}

/** Space facts of an event row, which carries its space's columns (null: alliance-wide). */
export function eventSpaceFacts(event: EventRecord): EventAccessFacts['space'] {
  if (event.space_id === null || event.space_visibility === null) return null;
  return {
    visibility: event.space_visibility,
    joinPolicy: event.space_join_policy ?? undefined,
    status: event.space_status ?? undefined,
    guestRegistration: event.space_guest_registration ?? false,
  };
}

/** The context of a decision on the events of a space (or of the alliance): to create one, to see a series. */
export const eventAccess = (actor: Actor, facts: EventAccessFacts): Authorizable => ({
  actor,
  known: canKnowEvent(actor, facts),
  subject: 'event',
});

/** The event, the actor's membership of its space and their registration; null for an unknown event. */
export async function findEventContext(db: Db, eventId: string, actor: Actor): Promise<EventContext | null> {
  const event = isUuid(eventId) ? await findEvent(db, eventId) : undefined;
  if (!event) return null;
  const [membership, registration] = await Promise.all([
    event.space_id ? loadMembershipFacts(db, event.space_id, actor) : null,
    actor ? findRegistration(db, event.id, actor.id) : undefined,
  ]);
  const facts = { space: eventSpaceFacts(event), membership };
  return {
    ...eventAccess(actor, facts),
    event,
    facts,
    registration: registration ? { status: registration.status } : null,
  };
}

/** `findEventContext`, with unknown events → 404. */
export async function loadEventContext(db: Db, eventId: string, actor: Actor): Promise<EventContext> {
  const context = await findEventContext(db, eventId, actor);
  if (!context) throw notFound('event');
  return context;
}

/** Access facts of a space by id (a series', or the target of a new event); null: the alliance. Unknown → 404. */
export const loadEventSpaceFacts = (db: Db, spaceId: string | null, actor: Actor): Promise<EventAccessFacts> =>
  loadSpaceOrAllianceFacts(db, spaceId, actor);

export const eventCancelled = () => new AppError('event_cancelled', 'this event is cancelled');
export const registrationClosed = () => new AppError('registration_closed', 'registrations for this event are closed');
