import { ErrorBodySchema, ReplayOkSchema, ReplayQuerySchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import { actorFrom } from '../../policy/policy';
import { parseRoom, roomRefusal } from '../../policy/rooms';

/**
 * The HTTP fallback of the socket `replay`, for a client whose socket cannot connect (or that
 * prefers one request after a long absence): same policy, same answer as the ack.
 */
export const realtimeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/realtime/replay',
    {
      schema: {
        tags: ['realtime'],
        summary: "A room's stored events after `afterSeq` (at most 500, oldest first)",
        querystring: ReplayQuerySchema,
        response: { 200: ReplayOkSchema, 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    async (request) => {
      const { room, afterSeq } = request.query;
      const actor = actorFrom(request.auth);
      if (!(await app.realtime.canRead(actor, room))) throw new AppError(roomRefusal(actor));
      const canonical = parseRoom(room)?.name ?? room;
      return { ok: true as const, ...(await app.realtime.replay(canonical, afterSeq)) };
    },
  );
};
