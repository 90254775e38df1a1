import { ErrorBodySchema, SearchQuerySchema, SearchResultsSchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorFrom } from '../../policy/policy';
import { search } from './search.service';

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.db };
  app.get(
    '/search',
    {
      config: { quota: 'search' },
      schema: {
        tags: ['search'],
        summary:
          'Search spaces, threads, posts, documents, files, links, events and people, as the asker may read them',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultsSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request) => search(deps, { actor: actorFrom(request.auth), query: request.query }),
  );
};
