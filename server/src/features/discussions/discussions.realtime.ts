import type { Db } from '../../db/database';
import { type Actor, canReadThreads } from '../../policy/policy';
import type { RoomDecision } from '../../policy/rooms';
import { findThreadContext } from './discussions.access';

/** Who may read the live room `thread:<id>`: whoever may read the thread over HTTP. */
export async function canReadThreadRoom(db: Db, actor: Actor, threadId: string): Promise<RoomDecision> {
  const context = await findThreadContext(db, threadId, actor);
  if (!context) return { readable: false, spaceId: null };
  return { readable: canReadThreads(actor, context.facts, context.membership), spaceId: context.space.id };
}
