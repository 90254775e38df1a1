import type { Db } from '../../db/database';
import { type Actor, canViewSpace } from '../../policy/policy';
import type { RoomDecision } from '../../policy/rooms';
import { findSpaceContext } from './spaces.access';

/**
 * Who may read the live room `space:<id>`: whoever may read the space's content. An unknown
 * id is refused like a forbidden one, so that the answer never tells a private space exists.
 */
export async function canReadSpaceRoom(db: Db, actor: Actor, spaceId: string): Promise<RoomDecision> {
  const context = await findSpaceContext(db, { id: spaceId }, actor);
  if (!context) return { readable: false, spaceId: null };
  return { readable: canViewSpace(actor, context.facts, context.membership), spaceId: context.space.id };
}
