import { z } from 'zod';
import { ErrorCodeSchema } from './errors';

/** Bumped on any breaking change of the socket protocol. */
export const PROTOCOL_VERSION = 1;

export const RoomSchema = z.string().regex(/^(space|thread|event|user):[A-Za-z0-9_-]{1,64}$/);

export const SubscribeSchema = z.strictObject({ room: RoomSchema });
export const ReplaySchema = z.strictObject({ room: RoomSchema, afterSeq: z.number().int().nonnegative() });

export const RealtimeEventSchema = z.object({
  room: RoomSchema,
  seq: z.number().int().positive(),
  type: z.string(),
  data: z.unknown(),
});

export const AckErrorSchema = z.object({ ok: z.literal(false), error: z.object({ code: ErrorCodeSchema }) });
export const SubscribeAckSchema = z.union([z.object({ ok: z.literal(true), seq: z.number().int() }), AckErrorSchema]);
export const ReplayAckSchema = z.union([
  z.object({ ok: z.literal(true), events: z.array(RealtimeEventSchema) }),
  AckErrorSchema,
]);
