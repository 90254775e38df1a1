import { HealthSchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { AppError } from '../../errors';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: { tags: ['operations'], summary: 'Liveness with a database round trip', response: { 200: HealthSchema } },
    },
    async () => {
      try {
        await sql`select 1`.execute(app.db);
      } catch (error) {
        app.log.error({ err: error }, 'health check: database unreachable');
        throw new AppError('unavailable', 'database unreachable');
      }
      return { status: 'ok' as const, db: 'ok' as const };
    },
  );
};
