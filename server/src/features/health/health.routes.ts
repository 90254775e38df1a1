import { HealthSchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import { pingDatabase } from './health.queries';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: { tags: ['operations'], summary: 'Liveness with a database round trip', response: { 200: HealthSchema } },
    },
    async () => {
      try {
        await pingDatabase(app.db);
      } catch (error) {
        app.log.error({ err: error }, 'health check: database unreachable');
        throw new AppError('unavailable', 'database unreachable');
      }
      return { status: 'ok' as const, db: 'ok' as const };
    },
  );
};
