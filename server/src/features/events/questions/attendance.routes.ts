import {
  AttendanceListSchema,
  AttendanceParamsSchema,
  AttendanceUpdateBodySchema,
  AttendedEventsSchema,
  IdParamsSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition, errorResponses, signedIn } from '../../../core/http';
import type { Db } from '../../../db/database';
import { actorFrom } from '../../../policy/policy';
import {
  attestations,
  exportRegistrations,
  listAttendance,
  listAttendedPermanences,
  markAttendance,
} from './attendance.service';

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
        response: { 200: AttendanceListSchema, ...errorResponses },
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
        response: { 204: z.null().describe('done'), ...errorResponses },
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
        response: { 200: AttendedEventsSchema, ...errorResponses },
      },
    },
    async (request) => listAttendedPermanences(db, { actor: actorFrom(request.auth), userId: request.params.id }),
  );

  app.get(
    '/events/:id/registrations.csv',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Registrants and attendance as a CSV file (who manages the event)',
        params: IdParamsSchema,
        response: { 200: z.string().describe('text/csv, semicolons, UTF-8 with a byte-order mark'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { fileName, csv } = await exportRegistrations(db, {
        actor: actorFrom(request.auth),
        eventId: request.params.id,
      });
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition('attachment', fileName))
        .header('cache-control', 'private, no-store');
      return csv;
    },
  );

  for (const [path, everyone] of [
    ['/events/:id/attestation.pdf', false],
    ['/events/:id/attestations.pdf', true],
  ] as const) {
    app.get(
      path,
      {
        ...signedIn,
        schema: {
          tags,
          summary: everyone
            ? 'Attendance certificates of everyone marked present, a page each (who manages the event)'
            : 'The caller’s attendance certificate, once marked present',
          params: IdParamsSchema,
          response: { 200: z.any().describe('application/pdf'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const { fileName, pdf } = await attestations(db, {
          actor: actorFrom(request.auth),
          eventId: request.params.id,
          everyone,
        });
        reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', contentDisposition('attachment', fileName))
          .header('cache-control', 'private, no-store');
        return reply.send(Buffer.from(pdf));
      },
    );
  }
};
