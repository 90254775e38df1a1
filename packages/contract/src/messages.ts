import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common';
import { PersonWithAvatarSchema } from './spaces';

/**
 * Direct messages: conversations of 2 to 10 people (the author included), 1:1 or small
 * groups. Bodies travel as HTML and are sanitized as posts are. Only the participants ever
 * read a conversation: admins included, nobody else does (a reported message is shown to the
 * moderators, by the reporter's choice).
 */

/** Most people in one conversation, the author included. */
export const CONVERSATION_MAX_PEOPLE = 10;

// As for posts: the real limit (POST_BODY_MAX_CHARS → 413 `post_too_large`) is the sanitizer's.
const messageBody = z.string().max(1_000_000);

/** Who may start a conversation with me: anyone signed in, people sharing a space with me, nobody. */
export const MessageFromSchema = z.enum(['everyone', 'spaces', 'nobody']);
export type MessageFrom = z.infer<typeof MessageFromSchema>;
/** Mail about new messages: each (grouped over a few minutes), a daily digest, none. */
export const MessageMailSchema = z.enum(['each', 'daily', 'off']);
export type MessageMail = z.infer<typeof MessageMailSchema>;

export const MessageSchema = z.object({
  id: IdSchema,
  conversationId: IdSchema,
  /** 1, 2, 3 … in the conversation. */
  number: z.number().int().positive(),
  author: PersonWithAvatarSchema,
  /** Sanitized HTML, safe to display; empty once deleted. */
  body: z.string(),
  createdAt: IsoDateTimeSchema,
  editedAt: IsoDateTimeSchema.nullable(),
  deletedAt: IsoDateTimeSchema.nullable(),
  /** The reader blocked its author: the client collapses it. Per reader. */
  authorBlocked: z.boolean().optional(),
});
export type Message = z.infer<typeof MessageSchema>;

export const ConversationSchema = z.object({
  id: IdSchema,
  /** Everyone in it, the reader included. */
  participants: z.array(PersonWithAvatarSchema),
  /** A conversation of two people started as such: writing again to the same person reuses it. */
  direct: z.boolean(),
  messageCount: z.number().int().nonnegative(),
  lastMessageAt: IsoDateTimeSchema,
  /** A short plain-text extract of the last message (empty when deleted). */
  lastExcerpt: z.string(),
  /** Messages of others after the reader's read position. Per reader. */
  unreadCount: z.number().int().nonnegative(),
  createdAt: IsoDateTimeSchema,
});
export type Conversation = z.infer<typeof ConversationSchema>;

/** `POST /api/conversations`: 1 to 9 other people and the first message. */
export const ConversationCreateBodySchema = z.strictObject({
  /** The other people (the author may be listed too; duplicates count once). */
  participantIds: z.array(IdSchema).min(1).max(CONVERSATION_MAX_PEOPLE),
  body: messageBody,
});
export type ConversationCreateBody = z.infer<typeof ConversationCreateBodySchema>;
export const ConversationCreatedSchema = z.object({ conversation: ConversationSchema, message: MessageSchema });

/** `GET /api/conversations` → the reader's conversations, latest activity first. */
export const ConversationListSchema = z.object({
  items: z.array(ConversationSchema),
  nextCursor: z.string().nullable(),
  /** Unread messages over all of one's conversations (the header's count). */
  unreadTotal: z.number().int().nonnegative(),
});
export type ConversationList = z.infer<typeof ConversationListSchema>;
export const ConversationListQuerySchema = z.object({ cursor: z.string().max(200).optional() });

/** `GET /api/conversations/:id?before=<number>` → the conversation and its messages, oldest first. */
export const ConversationDetailQuerySchema = z.object({
  /** Older messages than this number (loading further back). */
  before: z.coerce.number().int().positive().optional(),
});
export const ConversationDetailSchema = z.object({
  conversation: ConversationSchema,
  messages: z.object({
    items: z.array(MessageSchema),
    /** The `before` to load older messages with; null when none are left. */
    nextBefore: z.number().int().nullable(),
  }),
  /** The reader's read position (a message number, 0 for none). */
  lastReadNumber: z.number().int().nonnegative(),
});
export type ConversationDetail = z.infer<typeof ConversationDetailSchema>;

/** `POST /api/conversations/:id/messages` → 201 `{ message }`; `PATCH /api/messages/:id` → `{ message }`. */
export const MessageCreateBodySchema = z.strictObject({ body: messageBody });
export const MessageEditBodySchema = z.strictObject({ body: messageBody });
export const MessageResponseSchema = z.object({ message: MessageSchema });

/** `POST /api/conversations/:id/read` `{ lastReadNumber }` → 204; the position only moves forward. */
export const ConversationReadBodySchema = z.strictObject({ lastReadNumber: z.number().int().nonnegative() });

/** `PUT /api/me/message-settings` `{ from, mail? }` → the settings; `GET` reads them. */
export const MessageSettingsSchema = z.object({ from: MessageFromSchema, mail: MessageMailSchema });
export type MessageSettings = z.infer<typeof MessageSettingsSchema>;
export const MessageSettingsUpdateSchema = z.strictObject({
  from: MessageFromSchema,
  mail: MessageMailSchema.optional(),
});
