import {
  DirectoryOrganisationsQuerySchema,
  DirectoryOrganisationsSchema,
  DirectoryPeopleQuerySchema,
  DirectoryPeopleSchema,
  ErrorBodySchema,
} from '@atelier/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorFrom } from '../../policy/policy';
import { assertCanSeeDirectory, listOrganisations, listPeople } from './directory.service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema };

export const directoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.db };
  // The policy answers before the query is even validated: an anonymous visitor gets 401
  // whatever they sent, never a hint about what the filters accept.
  const mayRead = {
    onRequest: async (request: FastifyRequest) => assertCanSeeDirectory(actorFrom(request.auth)),
  };

  app.get(
    '/directory/people',
    {
      ...mayRead,
      schema: {
        tags: ['directory'],
        summary: 'People of the alliance who chose to be listed, filtered, by name, page by page',
        querystring: DirectoryPeopleQuerySchema,
        response: { 200: DirectoryPeopleSchema, ...errors },
      },
    },
    async (request) => listPeople(deps, { actor: actorFrom(request.auth), query: request.query }),
  );

  app.get(
    '/directory/organisations',
    {
      ...mayRead,
      schema: {
        tags: ['directory'],
        summary: 'Organisations of the listed people matching the filters, by name, page by page',
        querystring: DirectoryOrganisationsQuerySchema,
        response: { 200: DirectoryOrganisationsSchema, ...errors },
      },
    },
    async (request) => listOrganisations(deps, { actor: actorFrom(request.auth), query: request.query }),
  );
};
