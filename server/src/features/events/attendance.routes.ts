import {
  AttendanceListSchema,
  AttendanceParamsSchema,
  AttendanceUpdateBodySchema,
  AttendedEventsSchema,
  IdParamsSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database';
import { actorFrom } from '../../policy/policy';
import { signedIn } from '../spaces/spaces.http';
import { listAttendance, listAttendedPermanences, markAttendance } from './attendance.service';
import { eventErrors } from './events.responses';

const tags = ['events'];

/** Who came: the attendance sheet of an event, and the permanences a person attended. */
export const attendanceRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/events/:id/attendance',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'The attendance sheet: seats, waitlist and anyone marked present (who manages the event)',
        params: IdParamsSchema,
        response: { 200: AttendanceListSchema, ...eventErrors },
      },
    },
    async (request) => listAttendance(db, { actor: actorFrom(request.auth), eventId: request.params.id }),
  );

  app.put(
    '/events/:id/attendance/:userId',
    {
      config: { quota: 'attendance' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Mark a person present or absent (who manages the event)',
        params: AttendanceParamsSchema,
        body: AttendanceUpdateBodySchema,
        response: { 204: z.null().describe('done'), ...eventErrors },
      },
    },
    async (request, reply) => {
      await markAttendance(db, {
        actor: actorFrom(request.auth),
        eventId: request.params.id,
        userId: request.params.userId,
        attended: request.body.attended,
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/users/:id/attended-permanences',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'The permanences a person was marked present at, newest first (the person, or admins)',
        params: IdParamsSchema,
        response: { 200: AttendedEventsSchema, ...eventErrors },
      },
    },
    async (request) => listAttendedPermanences(db, { actor: actorFrom(request.auth), userId: request.params.id }),
  );
};
