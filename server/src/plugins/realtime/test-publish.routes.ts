import { RoomSchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const TestPublishBodySchema = z.strictObject({
  room: RoomSchema,
  type: z.string().min(1).max(64),
  data: z.unknown(),
  /** How many events to publish, each in its own transaction. */
  count: z.number().int().min(1).max(100).default(1),
});

/**
 * TEST ONLY — `app.ts` registers it when NODE_ENV=test and never otherwise: publishes
 * arbitrary events, for the cross-process tests under `tests/` until a real feature route
 * (posts) can stand in. It must never reach a development or production server.
 */
export const testPublishRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/test/realtime/publish', { schema: { body: TestPublishBodySchema } }, async (request) => {
    const { room, type, data, count } = request.body;
    const seqs: number[] = [];
    for (let i = 0; i < count; i++) {
      const event = await app.realtime.transaction((_trx, publish) => publish(room, type, data));
      seqs.push(event.seq);
    }
    return { seqs };
  });
};
