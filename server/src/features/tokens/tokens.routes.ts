import { ApiTokenCreatedSchema, ApiTokenCreateSchema, ApiTokenListSchema, IdParamsSchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { createApiToken, listOwnTokens, revokeApiToken } from './tokens.service';

/**
 * Personal API tokens, managed from the profile page with a session: the auth plugin refuses
 * every `/me/tokens` route to a request made with a token (`token_not_allowed`).
 */
export const tokensRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.db };

  app.get(
    '/me/tokens',
    {
      ...signedIn,
      schema: {
        tags: ['tokens'],
        summary: 'One’s personal API tokens, newest first, with when each was last used (never the secret)',
        response: { 200: ApiTokenListSchema, ...errorResponses },
      },
    },
    async (request) => listOwnTokens(deps, actorFrom(request.auth)),
  );

  app.post(
    '/me/tokens',
    {
      ...signedIn,
      config: { quota: 'apiTokens' },
      schema: {
        tags: ['tokens'],
        summary: 'A new API token (`Authorization: Bearer …`); the secret is in this answer only',
        body: ApiTokenCreateSchema,
        response: { 201: ApiTokenCreatedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(deps, { actor: actorFrom(request.auth), body: request.body });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/me/tokens/:id',
    {
      ...signedIn,
      config: { quota: 'apiTokens' },
      schema: {
        tags: ['tokens'],
        summary: 'Revokes one of one’s tokens: it answers 401 from now on',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeApiToken(deps, { actor: actorFrom(request.auth), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
};
