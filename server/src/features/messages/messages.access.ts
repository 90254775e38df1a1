import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { notFound } from '../../errors';
import { canReadConversation } from '../../policy/messages.policy';
import type { Actor } from '../../policy/policy';
import { findConversationFor } from './conversations.queries';
import { findMessage } from './messages.queries';

/**
 * The context of a conversation request: the conversation and the actor's place in it. One
 * the actor is not in reads as unknown (404 through `authorize`), exactly like one that does
 * not exist: nobody learns that two other people write to each other.
 */
export async function findConversationContext(db: Db, conversationId: string, actor: Actor) {
  const found = isUuid(conversationId) ? await findConversationFor(db, conversationId, actor?.id ?? null) : undefined;
  if (!found) return null;
  const facts = { participant: found.participation !== null };
  return {
    actor,
    known: canReadConversation(actor, facts),
    subject: 'conversation',
    facts,
    ...found,
  };
}
export type ConversationContext = NonNullable<Awaited<ReturnType<typeof findConversationContext>>>;

/** `findConversationContext`, unknown → 404. */
export async function loadConversationContext(db: Db, conversationId: string, actor: Actor) {
  const context = await findConversationContext(db, conversationId, actor);
  if (!context) throw notFound('conversation');
  return context;
}

/** A message and its conversation's context; unknown → 404. */
export async function loadMessageContext(db: Db, messageId: string, actor: Actor) {
  const message = isUuid(messageId) ? await findMessage(db, messageId) : undefined;
  const context = message && (await findConversationContext(db, message.conversation_id, actor));
  if (!message || !context) throw notFound('message');
  return { ...context, subject: 'message', message };
}
