import type { Db } from '../../db/database';
import { type Actor, canViewSpace } from '../../policy/policy';
import { findMembership } from './memberships.queries';
import { isUuid, spaceFacts } from './spaces.access';
import { findSpaceById } from './spaces.queries';

/**
 * Who may read the live room `space:<id>`: whoever may read the space's content. An unknown
 * id is refused like a forbidden one, so that the answer never tells a private space exists.
 */
export async function canReadSpaceRoom(db: Db, actor: Actor, spaceId: string): Promise<boolean> {
  if (!isUuid(spaceId)) return false;
  const space = await findSpaceById(db, spaceId);
  if (!space) return false;
  const row = actor ? await findMembership(db, space.id, actor.id) : undefined;
  const membership = row ? { userId: row.user_id, role: row.role, status: row.status } : null;
  return canViewSpace(actor, spaceFacts(space), membership);
}
