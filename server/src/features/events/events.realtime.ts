import { rooms } from '@atelier/contract';
import type { Db } from '../../db/database';
import type { Publish } from '../../plugins/realtime/types';
import { canViewEvent } from '../../policy/events.policy';
import type { Actor } from '../../policy/policy';
import type { RoomDecision } from '../../policy/rooms';
import { findEventContext } from './events.access';

/** Who may read the live room `event:<id>` (seat counter, questions): whoever may see the event. */
export async function canReadEventRoom(db: Db, actor: Actor, eventId: string): Promise<RoomDecision> {
  const context = await findEventContext(db, eventId, actor);
  if (!context) return { readable: false, spaceId: null };
  return { readable: canViewEvent(actor, context.facts), spaceId: context.event.space_id };
}

/** The rooms that hear of a change to an event: its own and, for a session, its event's page. */
export const eventRooms = (event: { id: string; parent_id: string | null }): string[] =>
  event.parent_id ? [rooms.event(event.id), rooms.event(event.parent_id)] : [rooms.event(event.id)];

/** Announces that an event changed (times, place, cancellation, sessions): pages read it again. */
export async function publishEventChanged(publish: Publish, event: { id: string; parent_id: string | null }) {
  for (const room of eventRooms(event)) await publish(room, 'event.changed', { eventId: event.id });
}
