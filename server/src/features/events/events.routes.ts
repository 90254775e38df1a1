import {
  EventCancelBodySchema,
  EventCreateBodySchema,
  EventDetailSchema,
  EventEnvelopeSchema,
  EventListQuerySchema,
  EventListSchema,
  EventUpdateBodySchema,
  IdParamsSchema,
  NextPermanenceSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { calendarRoutes } from './calendar/calendar.routes';
import { eventsDepsOf } from './events.deps';
import { canReadEventRoom } from './events.realtime';
import { cancelEvent, createEvent, getEventDetail, getNextPermanence, listEvents, updateEvent } from './events.service';
import { guestsRoutes } from './guests/guests.routes';
import { registrationsRoutes } from './registrations/registrations.routes';
import { sendReminders } from './registrations/reminders';

export interface EventsRoutesOptions {
  /** Base of the links in mails and of the calendar feed URL. */
  publicUrl: string;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
}

const tags = ['events'];

/**
 * The agenda: series and their occurrences, one-off events, registrations with a waitlist,
 * reminders and calendars. Changes commit with their realtime events, mail and jobs.
 */
export const eventsRoutes: FastifyPluginAsyncZod<EventsRoutesOptions> = async (app, options) => {
  const deps = eventsDepsOf(app, options);
  app.realtime.registerRoomKind('event', (actor, id) => canReadEventRoom(app.db, actor, id));
  app.jobs.work('events.reminder', async (job) => void (await sendReminders(deps, job.data)), {
    attempts: 5,
    retryDelaySeconds: 30,
  });

  app.get(
    '/permanence/next',
    {
      schema: {
        tags,
        summary: 'The permanence in progress or the next one (first Tuesday of the month, 12:30 Paris time)',
        response: { 200: NextPermanenceSchema },
      },
    },
    async () => ({ next: await getNextPermanence(deps, { now: deps.now() }) }),
  );

  app.get(
    '/events',
    {
      schema: {
        tags,
        summary: 'The agenda: events the caller may see overlapping [from, to) (default: the next 90 days)',
        querystring: EventListQuerySchema,
        response: { 200: EventListSchema, ...errorResponses },
      },
    },
    async (request) => listEvents(deps, { actor: actorFrom(request.auth), ...request.query }),
  );

  app.post(
    '/events',
    {
      config: { quota: 'event' },
      ...signedIn,
      schema: {
        tags,
        summary:
          "Create an event, or a series with `recurrence` (its first occurrence is returned): a space's animateur·ices or admins",
        body: EventCreateBodySchema,
        response: { 201: EventEnvelopeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createEvent(deps, { actor: actorFrom(request.auth), body: request.body });
      reply.status(201);
      return created;
    },
  );

  app.get(
    '/events/:id',
    {
      schema: {
        tags,
        summary: "An event, the caller's registration (with the waitlist position) and whether they follow its series",
        params: IdParamsSchema,
        response: { 200: EventDetailSchema, ...errorResponses },
      },
    },
    async (request) => getEventDetail(deps, { actor: actorFrom(request.auth), eventId: request.params.id }),
  );

  app.patch(
    '/events/:id',
    {
      config: { quota: 'edit' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Change this event only (an occurrence of a series is moved alone)',
        params: IdParamsSchema,
        body: EventUpdateBodySchema,
        response: { 200: EventEnvelopeSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateEvent(deps, { actor: actorFrom(request.auth), eventId: request.params.id, body: request.body }),
  );

  app.post(
    '/events/:id/cancel',
    {
      config: { quota: 'eventManage' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Cancel this event (one occurrence alone); everyone registered gets a mail',
        params: IdParamsSchema,
        body: EventCancelBodySchema,
        response: { 200: EventEnvelopeSchema, ...errorResponses },
      },
    },
    async (request) =>
      cancelEvent(deps, { actor: actorFrom(request.auth), eventId: request.params.id, reason: request.body.reason }),
  );

  await app.register(registrationsRoutes, { deps });
  await app.register(guestsRoutes, { deps });
  await app.register(calendarRoutes, { deps });
};
