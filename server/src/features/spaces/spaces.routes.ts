import { SpaceListSchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorFrom } from '../../policy/policy';
import { listSpaces } from './spaces.service';

export const spacesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/spaces',
    {
      schema: {
        tags: ['spaces'],
        summary: 'Chantiers, communautés and cohortes the caller may see (private ones only to their members)',
        response: { 200: SpaceListSchema },
      },
    },
    async (request) => ({ items: await listSpaces({ db: app.db }, { actor: actorFrom(request.auth) }) }),
  );
};
