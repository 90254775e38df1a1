import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { type Actor, canViewSpace } from '../../policy/policy';
import type { RoomDecision } from '../../policy/rooms';
import { findMembership } from './memberships.queries';
import { spaceFacts } from './spaces.access';
import { findSpaceById } from './spaces.queries';

/**
 * Who may read the live room `space:<id>`: whoever may read the space's content. An unknown
 * id is refused like a forbidden one, so that the answer never tells a private space exists.
 */
export async function canReadSpaceRoom(db: Db, actor: Actor, spaceId: string): Promise<RoomDecision> {
  const space = isUuid(spaceId) ? await findSpaceById(db, spaceId) : undefined;
  if (!space) return { readable: false, spaceId: null };
  const row = actor ? await findMembership(db, space.id, actor.id) : undefined;
  const membership = row ? { userId: row.user_id, role: row.role, status: row.status } : null;
  return { readable: canViewSpace(actor, spaceFacts(space), membership), spaceId: space.id };
}
