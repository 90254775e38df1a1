import { CalendarFeedSchema, IdParamsSchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition, errorResponses, signedIn } from '../../../core/http';
import { notFound } from '../../../errors';
import { actorFrom } from '../../../policy/policy';
import type { EventsDeps } from '../events.deps';
import { calendarFeed, eventIcs, feedIcs, seriesIcs } from './calendar.service';

const tags = ['events'];
const CALENDAR_TYPE = 'text/calendar; charset=utf-8';
const FeedFileParamsSchema = z.object({ file: z.string().min(1).max(200) });
/** `text/calendar` answers: sent as they are (the JSON serializer is for JSON only). */
const calendarResponse = { 200: z.string().describe('text/calendar'), ...errorResponses };
const FEED_FILE = /^([A-Za-z0-9_-]{20,100})\.ics$/;

/** Calendars: ICS files never carry the visio link (see ics.ts). */
export const calendarRoutes: FastifyPluginAsyncZod<{ deps: EventsDeps }> = async (app, { deps }) => {
  app.get(
    '/events/:id/ics',
    {
      schema: { tags, summary: 'One event as an iCalendar file', params: IdParamsSchema, response: calendarResponse },
    },
    async (request, reply) => {
      const text = await eventIcs(deps, { actor: actorFrom(request.auth), eventId: request.params.id });
      return reply
        .type(CALENDAR_TYPE)
        .header('content-disposition', contentDisposition('attachment', `evenement-${request.params.id}.ics`))
        .send(text);
    },
  );

  app.get(
    '/series/:id/ics',
    {
      schema: {
        tags,
        summary: 'A series as one recurring event (RRULE with its time zone)',
        params: IdParamsSchema,
        response: calendarResponse,
      },
    },
    async (request, reply) => {
      const text = await seriesIcs(deps, { actor: actorFrom(request.auth), seriesId: request.params.id });
      return reply
        .type(CALENDAR_TYPE)
        .header('content-disposition', contentDisposition('attachment', `serie-${request.params.id}.ics`))
        .send(text);
    },
  );

  app.get(
    '/calendar/feed',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'The address of one’s calendar feed (made on first ask)',
        response: { 200: CalendarFeedSchema, ...errorResponses },
      },
    },
    async (request) => calendarFeed(deps, { actor: actorFrom(request.auth), rotate: false }),
  );

  app.post(
    '/calendar/feed/rotate',
    {
      config: { quota: 'calendarFeed' },
      ...signedIn,
      schema: {
        tags,
        summary: 'A new feed address; the old one stops working',
        response: { 200: CalendarFeedSchema, ...errorResponses },
      },
    },
    async (request) => calendarFeed(deps, { actor: actorFrom(request.auth), rotate: true }),
  );

  app.get(
    '/calendar/:file',
    {
      schema: {
        tags,
        summary: 'A personal feed (`/calendar/<token>.ics`): what its owner registered for or follows',
        params: FeedFileParamsSchema,
        response: calendarResponse,
      },
    },
    async (request, reply) => {
      const token = FEED_FILE.exec(request.params.file)?.[1];
      if (!token) throw notFound('calendar');
      const text = await feedIcs(deps, { token });
      return reply.type(CALENDAR_TYPE).header('cache-control', 'private, max-age=300').send(text);
    },
  );
};
