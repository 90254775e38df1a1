import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { AppError, forbidden, notFound, unauthenticated } from '../../errors';
import { canKnowEvent, type EventAccessFacts } from '../../policy/events.policy';
import type { Actor, MembershipFacts } from '../../policy/policy';
import { findMembership } from '../spaces/memberships.queries';
import { spaceFacts } from '../spaces/spaces.access';
import { findSpaceById } from '../spaces/spaces.queries';
import { type EventRecord, findEvent } from './events.queries';

/** The facts the policy judges for one request on one event. */
export interface EventContext {
  actor: Actor;
  event: EventRecord;
  facts: EventAccessFacts;
}

/** Space facts of an event row (null: alliance-wide). */
export function eventSpaceFacts(event: EventRecord): EventAccessFacts['space'] {
  if (event.space_id === null || event.space_visibility === null) return null;
  return {
    visibility: event.space_visibility,
    joinPolicy: event.space_join_policy ?? undefined,
    status: event.space_status ?? undefined,
  };
}

export async function membershipFacts(db: Db, spaceId: string | null, actor: Actor): Promise<MembershipFacts> {
  if (!spaceId || !actor) return null;
  const row = await findMembership(db, spaceId, actor.id);
  return row ? { userId: row.user_id, role: row.role, status: row.status } : null;
}

/** Loads the event and the actor's membership of its space; unknown ids → 404. */
export async function loadEventContext(db: Db, eventId: string, actor: Actor): Promise<EventContext> {
  if (!isUuid(eventId)) throw notFound('event');
  const event = await findEvent(db, eventId);
  if (!event) throw notFound('event');
  const facts = { space: eventSpaceFacts(event), membership: await membershipFacts(db, event.space_id, actor) };
  return { actor, event, facts };
}

/**
 * Turns a policy answer into the API's answer: an event of a space the actor may not know of is
 * 404 like an unknown one; anonymous visitors get 401, anyone else 403.
 */
export function ensure(context: { actor: Actor; facts: EventAccessFacts }, allowed: boolean): void {
  if (!canKnowEvent(context.actor, context.facts)) throw notFound('event');
  if (allowed) return;
  throw context.actor ? forbidden() : unauthenticated();
}

export const eventCancelled = () => new AppError('event_cancelled', 'this event is cancelled');
export const registrationClosed = () => new AppError('registration_closed', 'registrations for this event are closed');

/**
 * Access facts for a space by id (a series', or the target of a new event); null: the alliance.
 * An unknown space is 404.
 */
export async function spaceAccessFacts(db: Db, spaceId: string | null, actor: Actor): Promise<EventAccessFacts> {
  if (spaceId === null) return { space: null, membership: null };
  const space = isUuid(spaceId) ? await findSpaceById(db, spaceId) : undefined;
  if (!space) throw notFound('space');
  return { space: spaceFacts(space), membership: await membershipFacts(db, space.id, actor) };
}
