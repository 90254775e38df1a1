import type { Db } from '../../db/database';
import { canReadConversation } from '../../policy/messages.policy';
import type { Actor } from '../../policy/policy';
import type { RoomDecision } from '../../policy/rooms';
import { findConversationContext } from './messages.access';

/**
 * Who may read the live room `conversation:<id>`: its participants, as over HTTP. A
 * conversation belongs to no space (`spaceId: null`); a participant's rights end only with
 * their session (erasure), which the `user` access change already re-checks.
 */
export async function canReadConversationRoom(db: Db, actor: Actor, conversationId: string): Promise<RoomDecision> {
  const context = await findConversationContext(db, conversationId, actor);
  return { readable: context ? canReadConversation(actor, context.facts) : false, spaceId: null };
}
