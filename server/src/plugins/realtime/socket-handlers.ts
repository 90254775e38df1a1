import {
  type AckError,
  type ClientToServerEvents,
  type ErrorCode,
  ReplaySchema,
  SubscribeSchema,
  TypingSchema,
  UnsubscribeSchema,
} from '@atelier/contract';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { AppError } from '../../errors';
import type { Actor } from '../../policy/policy';
import { parseRoom, type RoomAccess, roomRefusal } from '../../policy/rooms';
import type { TokenBucket } from './token-bucket';
import type { RealtimeSocket } from './types';

/** Inbound events larger than this (as JSON) are refused before validation. */
export const MAX_EVENT_BYTES = 4 * 1024;
/** A socket may follow this many rooms at once. */
export const MAX_ROOMS_PER_SOCKET = 200;

export const fail = (code: ErrorCode): AckError => ({ ok: false, error: { code } });

export interface HandlerDeps {
  log: FastifyBaseLogger;
  /** The socket's actor now: its session looked up again, so a revoked one counts no more. */
  currentActor(socket: RealtimeSocket): Promise<Actor>;
  decide: RoomAccess['decide'];
  currentSeq(room: string): Promise<number>;
  replay(room: string, afterSeq: number): Promise<{ events: unknown[]; truncated: boolean }>;
  presenceChanged(room: string): void;
  /** Remembers which space a room belongs to, once a socket joined it. */
  joined(room: string, spaceId: string | null): void;
  /** See AccessChanges.epoch. */
  accessEpoch(): number;
  /** This socket's budget of inbound events; null when rate limits are off (load tests). */
  bucket: TokenBucket | null;
}

type Ack = (answer: unknown) => void;

/**
 * Wires one socket's inbound events. Every event passes the same gate, in this order: the
 * socket's token bucket (`rate_limited`), the size (`payload_too_large`), the contract's zod
 * schema (`invalid_input`); then its handler, whose AppError codes become the ack's code.
 * Unexpected errors are logged and acked `internal_error`, never leaked.
 */
export function wireSocket(socket: RealtimeSocket, deps: HandlerDeps) {
  const { bucket } = deps;
  socket.use((packet, next) => {
    if (bucket && !bucket.take()) {
      const ack = packet.at(-1);
      if (typeof ack === 'function') (ack as Ack)(fail('rate_limited'));
      return; // dropped: not passed on to any handler
    }
    next();
  });
  const on = <S extends z.ZodType, A>(
    name: keyof ClientToServerEvents,
    schema: S,
    handler: (payload: z.infer<S>) => Promise<A>,
  ) => {
    socket.on(name, async (...args: unknown[]) => {
      const ack: Ack = typeof args.at(-1) === 'function' ? (args.pop() as Ack) : () => {};
      const payload = args[0];
      if (jsonSize(payload) > MAX_EVENT_BYTES) return ack(fail('payload_too_large'));
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return ack(fail('invalid_input'));
      try {
        ack(await handler(parsed.data));
      } catch (error) {
        if (error instanceof AppError) return ack(fail(error.code));
        deps.log.error({ err: error, event: name }, 'realtime: handler failed');
        ack(fail('internal_error'));
      }
    });
  };

  /** The canonical room and its space, or the refusal unless the socket's actor may read it now. */
  const ensureReadable = async (name: string) => {
    const actor = await deps.currentActor(socket);
    const decision = await deps.decide(actor, name);
    if (!decision?.readable) throw new AppError(roomRefusal(actor));
    return decision;
  };

  on('subscribe', SubscribeSchema, async (payload) => {
    if (!socket.rooms.has(payload.room) && socket.rooms.size > MAX_ROOMS_PER_SOCKET) throw new AppError('rate_limited');
    const epoch = deps.accessEpoch();
    const { room, spaceId } = await ensureReadable(payload.room);
    // Join first, then read the seq: an event committed after the read is delivered live, one
    // committed before is covered by the seq; at worst the client sees a seq it already has.
    await socket.join(room);
    deps.joined(room, spaceId);
    // An access change re-evaluated while the check above was running did not see this socket
    // in the room yet: ask once more, now that it is in.
    if (deps.accessEpoch() !== epoch) {
      try {
        await ensureReadable(room);
      } catch (error) {
        await socket.leave(room);
        throw error;
      }
    }
    deps.presenceChanged(room);
    return { ok: true as const, seq: await deps.currentSeq(room), room };
  });

  on('unsubscribe', UnsubscribeSchema, async (payload) => {
    const room = parseRoom(payload.room)?.name ?? payload.room;
    if (socket.rooms.has(room)) {
      await socket.leave(room);
      deps.presenceChanged(room);
    }
    return { ok: true as const };
  });

  on('replay', ReplaySchema, async ({ room, afterSeq }) => {
    const decision = await ensureReadable(room);
    return { ok: true as const, ...(await deps.replay(decision.room, afterSeq)) };
  });

  on('typing', TypingSchema, async (payload) => {
    // Typing writes (it is relayed as this person): the session must still be alive.
    const actor = await deps.currentActor(socket);
    if (!actor) throw new AppError('unauthenticated');
    // Subscribing checked read access; typing is only relayed where the socket listens.
    const room = parseRoom(payload.room)?.name ?? payload.room;
    if (!socket.rooms.has(room)) throw new AppError('forbidden');
    const data = { userId: actor.id, displayName: socket.data.displayName ?? '' };
    socket.to(room).emit('ephemeral', { room, type: 'typing', data });
    return { ok: true as const };
  });

  socket.on('disconnecting', () => {
    for (const room of socket.rooms) if (room !== socket.id && !room.startsWith('person#')) deps.presenceChanged(room);
  });
}

function jsonSize(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
