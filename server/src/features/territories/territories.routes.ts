import {
  TerritoryCreateBodySchema,
  TerritoryListSchema,
  TerritoryParamsSchema,
  TerritoryResponseSchema,
  TerritorySeatBodySchema,
  TerritorySeatParamsSchema,
  TerritoryUpdateBodySchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { createTerritory, editTerritory, listTerritories, setSeat, vacate } from './territories.service';

const tags = ['territories'];

export const territoriesRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.db };

  app.get(
    '/territories',
    {
      schema: {
        tags,
        summary: 'The accompanied territories, their spaces and teams, and the map of France to draw them on (public)',
        response: { 200: TerritoryListSchema, ...errorResponses },
      },
    },
    async (request) => listTerritories(deps, { actor: actorFrom(request.auth) }),
  );

  app.post(
    '/territories',
    {
      config: { quota: 'territory' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Add an accompanied territory by its official code (admins)',
        body: TerritoryCreateBodySchema,
        response: { 201: TerritoryResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createTerritory(deps, { actor: actorFrom(request.auth), body: request.body });
      reply.status(201);
      return created;
    },
  );

  app.patch(
    '/territories/:id',
    {
      config: { quota: 'territory' },
      ...signedIn,
      schema: {
        tags,
        summary: "Change a territory's programmes, point on the map or spaces (admins)",
        params: TerritoryParamsSchema,
        body: TerritoryUpdateBodySchema,
        response: { 200: TerritoryResponseSchema, ...errorResponses },
      },
    },
    async (request) =>
      editTerritory(deps, { actor: actorFrom(request.auth), id: request.params.id, body: request.body }),
  );

  app.put(
    '/territories/:id/team/:role',
    {
      config: { quota: 'territory' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Name who holds a seat of its « 4 Fantastiques » (admins, animateurs of its spaces)',
        params: TerritorySeatParamsSchema,
        body: TerritorySeatBodySchema,
        response: { 200: TerritoryResponseSchema, ...errorResponses },
      },
    },
    async (request) =>
      setSeat(deps, { actor: actorFrom(request.auth), ...request.params, userId: request.body.userId }),
  );

  app.delete(
    '/territories/:id/team/:role',
    {
      config: { quota: 'territory' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Leave a seat of its « 4 Fantastiques » vacant (admins, animateurs of its spaces)',
        params: TerritorySeatParamsSchema,
        response: { 204: z.null().describe('done'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await vacate(deps, { actor: actorFrom(request.auth), ...request.params });
      reply.status(204);
      return null;
    },
  );
};
