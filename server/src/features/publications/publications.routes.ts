import {
  IdParamsSchema,
  PublicationCreateBodySchema,
  PublicationListSchema,
  PublicationResponseSchema,
  PublicationsQuerySchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { getPublication, listPublications, publish, withdraw } from './publications.service';

const tags = ['publications'];

/** The commons: its public catalogue, publishing from a space and withdrawing. */
export const publicationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.db };

  app.get(
    '/publications',
    {
      schema: {
        tags,
        summary: 'The commons: what the spaces published, newest first, with filters and search (public)',
        querystring: PublicationsQuerySchema,
        response: { 200: PublicationListSchema, ...errorResponses },
      },
    },
    async (request) => listPublications(deps, { actor: actorFrom(request.auth), query: request.query }),
  );

  app.get(
    '/publications/:id',
    {
      schema: {
        tags,
        summary: 'A publication as it was published: a document version’s content, a file, a link (public)',
        params: IdParamsSchema,
        response: { 200: PublicationResponseSchema, ...errorResponses },
      },
    },
    async (request) => getPublication(deps, { actor: actorFrom(request.auth), id: request.params.id }),
  );

  app.post(
    '/publications',
    {
      config: { quota: 'publication' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Publish a named document version, a file or a link to the commons (animateur·ices, admins)',
        body: PublicationCreateBodySchema,
        response: { 201: PublicationResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await publish(deps, { actor: actorFrom(request.auth), body: request.body });
      reply.status(201);
      return created;
    },
  );

  app.delete(
    '/publications/:id',
    {
      config: { quota: 'publication' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Withdraw a publication from the commons; its source stays in its space (animateur·ices, admins)',
        params: IdParamsSchema,
        response: { 204: z.null().describe('done'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await withdraw(deps, { actor: actorFrom(request.auth), id: request.params.id });
      reply.status(204);
      return null;
    },
  );
};
