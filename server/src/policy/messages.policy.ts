/**
 * Access to direct messages. A conversation is read by its participants and nobody else —
 * admins included: the platform's operators have no window on private correspondence (a
 * report shows the moderators the reported message only). A thing one may not read is
 * unknown (404), as a private space is. Pure functions over the facts below, as `policy.ts`.
 */
import type { Actor } from './policy';

/** What the policy needs to know about a conversation and the actor's place in it. */
export interface ConversationFacts {
  /** The actor is one of its participants. */
  participant: boolean;
}

/** What the policy needs to know about a person one wants to write to. */
export interface RecipientFacts {
  /** Their choice: anyone signed in, people sharing an active membership of a space, nobody. */
  acceptFrom: 'everyone' | 'spaces' | 'nobody';
  /** The writer and the recipient are both active members of at least one space. */
  sharesSpace: boolean;
  /** The recipient blocked the writer. */
  blockedWriter: boolean;
}

/** Read a conversation, its messages and its live room: its participants only. */
export const canReadConversation = (actor: Actor, conversation: ConversationFacts): boolean =>
  actor !== null && conversation.participant;

/** List one's conversations, set one's own message settings: anyone signed in. */
export const canUseMessages = (actor: Actor): boolean => actor !== null;

/**
 * Start a conversation with (or write again to) a person: the recipient's choice decides, and
 * someone they blocked may never write to them. Admins get no exception: it is the person's
 * choice, not a right of the platform.
 */
export function canWriteTo(actor: Actor, recipient: RecipientFacts): boolean {
  if (actor === null || recipient.blockedWriter) return false;
  if (recipient.acceptFrom === 'everyone') return true;
  if (recipient.acceptFrom === 'spaces') return recipient.sharesSpace;
  return false;
}

/**
 * Write in a conversation one is in. In a conversation of two, a person the other blocked
 * writes no more (`blockedByOther`); in a group a block only collapses their messages for the
 * blocker, so that one person cannot silence a whole group.
 */
export const canWriteInConversation = (
  actor: Actor,
  conversation: ConversationFacts & { blockedByOther: boolean },
): boolean => canReadConversation(actor, conversation) && !conversation.blockedByOther;

/** Edit or delete a message: its author, while in the conversation. */
export const canChangeMessage = (actor: Actor, conversation: ConversationFacts, message: { authorId: string }) =>
  canReadConversation(actor, conversation) && actor?.id === message.authorId;

/** Report a message to the moderators: a participant, not its author. */
export const canFlagMessage = (actor: Actor, conversation: ConversationFacts, message: { authorId: string }) =>
  canReadConversation(actor, conversation) && actor?.id !== message.authorId;
