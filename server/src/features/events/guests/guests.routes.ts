import {
  GuestRegistrationAcceptedSchema,
  GuestRegistrationBodySchema,
  GuestRegistrationConfirmBodySchema,
  GuestRegistrationConfirmedSchema,
  IdParamsSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../core/http';
import type { EventsDeps } from '../events.deps';
import { pruneGuestRequests } from './guests.queries';
import { confirmGuestRegistration, requestGuestRegistration } from './guests.service';

const tags = ['events'];
const WEEK = 7 * 24 * 60 * 60_000;

/** Registering without an account: a name, an address, and the mailed link that confirms. */
export const guestsRoutes: FastifyPluginAsyncZod<{ deps: EventsDeps }> = async (app, { deps }) => {
  app.retention.register('guest-requests', (now, limit) =>
    pruneGuestRequests(deps.db, new Date(now.getTime() - WEEK), limit),
  );

  app.post(
    '/events/:id/guest-registrations',
    {
      config: { quota: 'guestRegistration' },
      schema: {
        tags,
        summary:
          'Ask for a seat without an account (events open to guests): the mailed link confirms; 202 whatever the address',
        params: IdParamsSchema,
        body: GuestRegistrationBodySchema,
        response: { 202: GuestRegistrationAcceptedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await requestGuestRegistration(deps, { eventId: request.params.id, body: request.body });
      reply.status(202);
      return result;
    },
  );

  app.post(
    '/guest-registrations/confirm',
    {
      config: { quota: 'guestConfirm' },
      schema: {
        tags,
        summary: 'Confirm a guest registration with the mailed link (once, within 24 hours)',
        body: GuestRegistrationConfirmBodySchema,
        response: { 200: GuestRegistrationConfirmedSchema, ...errorResponses },
      },
    },
    async (request) => confirmGuestRegistration(deps, { token: request.body.token }),
  );
};
