import {
  EventEnvelopeSchema,
  IdParamsSchema,
  RegistrationBodySchema,
  RegistrationCancelBodySchema,
  RegistrationEnvelopeSchema,
  SeriesFollowSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, signedIn } from '../../../core/http';
import { actorFrom } from '../../../policy/policy';
import type { EventsDeps } from '../events.deps';
import { cancelByToken, followSeries, register, unregister } from './registrations.service';

const tags = ['events'];

export const registrationsRoutes: FastifyPluginAsyncZod<{ deps: EventsDeps }> = async (app, { deps }) => {
  app.post(
    '/events/:id/registrations',
    {
      config: { quota: 'registration' },
      ...signedIn,
      schema: {
        tags,
        summary:
          'Take a seat, or a place at the end of the waitlist when full, answering the event’s questions; 409 `already_registered` when one already holds either',
        params: IdParamsSchema,
        body: RegistrationBodySchema.nullish(),
        response: { 201: RegistrationEnvelopeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await register(deps, {
        actor: actorFrom(request.auth),
        eventId: request.params.id,
        answers: request.body?.answers ?? {},
      });
      reply.status(201);
      return result;
    },
  );

  app.delete(
    '/events/:id/registrations/me',
    {
      config: { quota: 'registration' },
      ...signedIn,
      schema: {
        tags,
        summary:
          'Give up one’s seat or waitlist place (the next person waiting gets the seat); 204 also when there was none',
        params: IdParamsSchema,
        response: { 204: z.null().describe('done'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await unregister(deps, { actor: actorFrom(request.auth), eventId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/registrations/cancel',
    {
      config: { quota: 'registrationCancel' },
      schema: {
        tags,
        summary: 'The one-click "je ne peux plus venir" link of the mails: cancels the registration the token names',
        body: RegistrationCancelBodySchema,
        response: { 200: EventEnvelopeSchema, ...errorResponses },
      },
    },
    async (request) => cancelByToken(deps, { token: request.body.token }),
  );

  for (const [method, following] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/series/:id/follow',
      config: { quota: 'follow' },
      ...signedIn,
      schema: {
        tags,
        summary: following ? 'Follow a series (its occurrences join one’s calendar feed)' : 'Stop following a series',
        params: IdParamsSchema,
        response: { 200: SeriesFollowSchema, ...errorResponses },
      },
      handler: async (request) =>
        followSeries(deps, { actor: actorFrom(request.auth), seriesId: request.params.id, following }),
    });
  }
};
