import type { Db } from '../../db/database';
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
