import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common';
import {
  NotificationSchema,
  PostSchema,
  ReactionEmojiSchema,
  ReactionSummarySchema,
  ThreadSchema,
} from './discussions';
import { CommentThreadSchema } from './documents';
import { ErrorCodeSchema } from './errors';
import { QuestionSchema } from './events';
import { MessageSchema } from './messages';

/**
 * Bumped on any breaking change of the socket protocol. Clients send it at the handshake
 * (`auth: { protocol }`); the server refuses another with `protocol_mismatch`, so a page left
 * open across a deployment is told to reload instead of misreading events.
 */
export const PROTOCOL_VERSION = 1;

/** socket.io's path on the server. */
export const SOCKET_PATH = '/socket.io';

/** At most this many events in one replay answer; `truncated` says when more are waiting. */
export const REPLAY_LIMIT = 500;

/** The kinds of room a client may subscribe to; the part after the colon is an id. */
export const ROOM_KINDS = ['space', 'thread', 'event', 'user', 'document', 'conversation'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

export const RoomSchema = z.string().regex(/^(space|thread|event|user|document|conversation):[A-Za-z0-9_-]{1,64}$/);

/** Room names, built one way on both sides. */
export const rooms = {
  space: (id: string) => `space:${id}`,
  thread: (id: string) => `thread:${id}`,
  event: (id: string) => `event:${id}`,
  user: (id: string) => `user:${id}`,
  /** A shared document's comments (its text syncs on `/collab`, not here). */
  document: (id: string) => `document:${id}`,
  /** A direct conversation's messages (its participants only). */
  conversation: (id: string) => `conversation:${id}`,
};

/** What the socket handshake carries (`io({ auth })`). */
export const HandshakeAuthSchema = z.object({ protocol: z.literal(PROTOCOL_VERSION) });

// ── Client → server (each with an ack) ───────────────────────────────────────────────────

/** `subscribe`: start receiving a room's events. */
export const SubscribeSchema = z.strictObject({ room: RoomSchema });
/** `unsubscribe`: stop receiving them. */
export const UnsubscribeSchema = z.strictObject({ room: RoomSchema });
/** `replay`: the room's stored events with a seq greater than `afterSeq`, oldest first. */
export const ReplaySchema = z.strictObject({
  room: RoomSchema,
  /** The last seq the client has seen in this room (0 for none). */
  afterSeq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});
/** `typing`: the sender is writing in a room it is subscribed to (relayed, never stored). */
export const TypingSchema = z.strictObject({ room: RoomSchema });

/** HTTP fallback of `replay`: `GET /api/realtime/replay?room=&afterSeq=`. */
export const ReplayQuerySchema = z.strictObject({
  room: RoomSchema,
  afterSeq: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});

// ── Server → client ──────────────────────────────────────────────────────────────────────

/**
 * `event`: a stored event, as it travels. `seq` counts 1, 2, 3 … per room, without gaps. The
 * envelope is what sequencing needs (replay, gaps, duplicates); `parseRealtimeEvent` then
 * checks the data against its type's schema.
 */
export const RealtimeEnvelopeSchema = z.object({
  room: RoomSchema,
  seq: z.number().int().positive(),
  type: z.string(),
  data: z.unknown(),
});
export type RealtimeEnvelope = z.infer<typeof RealtimeEnvelopeSchema>;

const stored = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  RealtimeEnvelopeSchema.extend({ type: z.literal(type), data });

/**
 * Every stored realtime event and its data: the one list server and client import. Adding an
 * event is one line here; `publish` on the server and the stores' handlers on the client are
 * typed by it.
 */
export const RealtimeEventSchema = z.discriminatedUnion('type', [
  /** Room `space:<id>`: a thread started (with its first post's author). */
  stored('thread.created', z.object({ thread: ThreadSchema })),
  /** Rooms `thread:<id>` and `space:<id>`: renamed, pinned, locked, or a new last post. */
  stored('thread.updated', z.object({ thread: ThreadSchema })),
  /** Rooms `thread:<id>` and `space:<id>`. */
  stored('post.created', z.object({ post: PostSchema })),
  stored('post.updated', z.object({ post: PostSchema })),
  stored('post.deleted', z.object({ post: PostSchema })),
  /** Room `thread:<id>`; `mine` is false in broadcasts: each client knows its own reactions. */
  stored(
    'reaction.changed',
    z.object({
      postId: IdSchema,
      threadId: IdSchema,
      userId: IdSchema,
      emoji: ReactionEmojiSchema,
      added: z.boolean(),
      reactions: z.array(ReactionSummarySchema),
    }),
  ),
  /** Room `space:<id>`: a file or link was shared or removed; the Ressources tab reads its list again. */
  stored('resources.changed', z.object({ spaceId: IdSchema })),
  /** Room `user:<id>`. */
  stored('notification.created', z.object({ notification: NotificationSchema })),
  /** Room `event:<id>`: the new counts (never who). */
  stored(
    'registration.changed',
    z.object({
      eventId: IdSchema,
      registeredCount: z.number().int().nonnegative(),
      waitlistCount: z.number().int().nonnegative(),
    }),
  ),
  /**
   * Room `event:<id>`: the event was edited or cancelled. Only its id: what each reader sees of
   * it (visio link, tools) is theirs, so pages read it again.
   */
  stored('event.changed', z.object({ eventId: IdSchema })),
  /** Room `event:<id>`: `{ question }` with `voted: false` (each client knows its own votes). */
  stored('question.created', z.object({ question: QuestionSchema })),
  stored('question.updated', z.object({ question: QuestionSchema })),
  /**
   * Room `document:<id>`: a comment was written — a new thread, or a reply (`commentId` is the
   * thread's id for a new thread). `thread` is the whole thread after the change.
   */
  stored('comment.created', z.object({ thread: CommentThreadSchema, commentId: IdSchema })),
  /** Room `document:<id>`: a thread was resolved or reopened. */
  stored('comment.resolved', z.object({ thread: CommentThreadSchema })),
  stored('comment.reopened', z.object({ thread: CommentThreadSchema })),
  /** Room `document:<id>`: a comment was deleted; `thread` is null when the whole thread went. */
  stored(
    'comment.deleted',
    z.object({ threadId: IdSchema, commentId: IdSchema, thread: CommentThreadSchema.nullable() }),
  ),
  /** Room `conversation:<id>`: a direct message was written, edited, or deleted (body empty). */
  stored('message.created', z.object({ message: MessageSchema })),
  stored('message.updated', z.object({ message: MessageSchema })),
  stored('message.deleted', z.object({ message: MessageSchema })),
  /**
   * Room `user:<id>` of each participant: a conversation of theirs has a new message (or was
   * started). Only ids and times, never words: pages and the header's count read again.
   */
  stored(
    'conversation.activity',
    z.object({ conversationId: IdSchema, authorId: IdSchema, lastMessageAt: IsoDateTimeSchema }),
  ),
]);
export type RealtimeEvent = z.infer<typeof RealtimeEventSchema>;
export type RealtimeEventType = RealtimeEvent['type'];
export type RealtimeEventData<T extends RealtimeEventType> = Extract<RealtimeEvent, { type: T }>['data'];

/** The typed event, or null for a type this client does not know or data that does not match. */
export function parseRealtimeEvent(envelope: RealtimeEnvelope): RealtimeEvent | null {
  const parsed = RealtimeEventSchema.safeParse(envelope);
  return parsed.success ? parsed.data : null;
}

/** `typing` data: who writes. */
export const TypingDataSchema = z.object({ userId: z.string(), displayName: z.string() });
/** `presence` data: how many distinct people (anonymous visitors count one each) are in the room. */
export const PresenceDataSchema = z.object({ count: z.number().int().nonnegative() });

/**
 * `ephemeral`: typing (`typing`) and presence (`presence`), never stored and without a seq: a
 * client that misses one loses nothing (the next one replaces it).
 */
export const EphemeralEventSchema = z.discriminatedUnion('type', [
  z.object({ room: RoomSchema, type: z.literal('typing'), data: TypingDataSchema }),
  z.object({ room: RoomSchema, type: z.literal('presence'), data: PresenceDataSchema }),
]);
export type EphemeralEvent = z.infer<typeof EphemeralEventSchema>;
export type EphemeralEventType = EphemeralEvent['type'];
export type EphemeralEventData<T extends EphemeralEventType> = Extract<EphemeralEvent, { type: T }>['data'];

/**
 * `revoked`: the server took the socket out of a room its person may no longer read (they
 * left or were removed, the space became private, the session ended). No more events of the
 * room follow; the page reads its state again over HTTP. `unauthenticated`: the session ended
 * (sign-out, password change): the server then closes the socket, which reconnects anonymous.
 */
export const RevokedSchema = z.object({ room: RoomSchema, code: z.enum(['unauthenticated', 'forbidden']) });
export type Revoked = z.infer<typeof RevokedSchema>;

// ── Acks ─────────────────────────────────────────────────────────────────────────────────

export const AckErrorSchema = z.object({ ok: z.literal(false), error: z.object({ code: ErrorCodeSchema }) });
export type AckError = z.infer<typeof AckErrorSchema>;
export const OkAckSchema = z.union([z.object({ ok: z.literal(true) }), AckErrorSchema]);
export const SubscribeAckSchema = z.union([
  /**
   * `seq`: the room's current seq; replay after it only what arrives later is missing.
   * `room`: the room's canonical name (ids in lower case), the one its events carry.
   */
  z.object({ ok: z.literal(true), seq: z.number().int(), room: RoomSchema }),
  AckErrorSchema,
]);
export const ReplayOkSchema = z.object({
  ok: z.literal(true),
  events: z.array(RealtimeEnvelopeSchema),
  /** More than REPLAY_LIMIT events were waiting: ask again after the last one returned. */
  truncated: z.boolean(),
  /**
   * Events right after `afterSeq` are no longer kept (older than the replay window): what is
   * shown must be read again over HTTP; the events returned follow.
   */
  pruned: z.boolean().optional(),
});
export const ReplayAckSchema = z.union([ReplayOkSchema, AckErrorSchema]);
export type SubscribeAck = z.infer<typeof SubscribeAckSchema>;
export type ReplayAck = z.infer<typeof ReplayAckSchema>;
export type OkAck = z.infer<typeof OkAckSchema>;

/** Event names and payloads, for typing socket.io on both sides. */
export interface ClientToServerEvents {
  subscribe(payload: z.infer<typeof SubscribeSchema>, ack: (answer: SubscribeAck) => void): void;
  unsubscribe(payload: z.infer<typeof UnsubscribeSchema>, ack?: (answer: OkAck) => void): void;
  replay(payload: z.infer<typeof ReplaySchema>, ack: (answer: ReplayAck) => void): void;
  typing(payload: z.infer<typeof TypingSchema>, ack?: (answer: OkAck) => void): void;
}
export interface ServerToClientEvents {
  event(event: RealtimeEnvelope): void;
  ephemeral(event: EphemeralEvent): void;
  revoked(payload: Revoked): void;
}
