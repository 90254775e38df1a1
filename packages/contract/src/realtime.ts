import { z } from 'zod';
import { ErrorCodeSchema } from './errors';

/** Bumped on any breaking change of the socket protocol. */
export const PROTOCOL_VERSION = 1;

/** socket.io's path on the server. */
export const SOCKET_PATH = '/socket.io';

/** At most this many events in one replay answer; `truncated` says when more are waiting. */
export const REPLAY_LIMIT = 500;

/** The kinds of room a client may subscribe to; the part after the colon is an id. */
export const ROOM_KINDS = ['space', 'thread', 'event', 'user'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

export const RoomSchema = z.string().regex(/^(space|thread|event|user):[A-Za-z0-9_-]{1,64}$/);

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

/** `event`: a stored event. `seq` counts 1, 2, 3 … per room, without gaps. */
export const RealtimeEventSchema = z.object({
  room: RoomSchema,
  seq: z.number().int().positive(),
  type: z.string(),
  data: z.unknown(),
});
export type RealtimeEvent = z.infer<typeof RealtimeEventSchema>;

/**
 * `ephemeral`: typing (`typing`), presence (`presence`) and the like, never stored and
 * without a seq: a client that misses one loses nothing (the next one replaces it).
 */
export const EphemeralEventSchema = z.object({
  room: RoomSchema,
  type: z.string(),
  data: z.unknown(),
});
export type EphemeralEvent = z.infer<typeof EphemeralEventSchema>;

/**
 * `revoked`: the server took the socket out of a room its person may no longer read (they
 * left or were removed, the space became private, the session ended). No more events of the
 * room follow; the page reads its state again over HTTP. `unauthenticated`: the session ended
 * (sign-out, password change): the server then closes the socket, which reconnects anonymous.
 */
export const RevokedSchema = z.object({ room: RoomSchema, code: z.enum(['unauthenticated', 'forbidden']) });
export type Revoked = z.infer<typeof RevokedSchema>;
/** `typing` data: who writes. */
export const TypingDataSchema = z.object({ userId: z.string(), displayName: z.string() });
/** `presence` data: how many distinct people (anonymous visitors count one each) are in the room. */
export const PresenceDataSchema = z.object({ count: z.number().int().nonnegative() });

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
  events: z.array(RealtimeEventSchema),
  /** More than REPLAY_LIMIT events were waiting: ask again after the last one returned. */
  truncated: z.boolean(),
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
  event(event: RealtimeEvent): void;
  ephemeral(event: EphemeralEvent): void;
  revoked(payload: Revoked): void;
}
