import {
  DemoPeopleSchema,
  type DemoPerson,
  ErrorBodySchema,
  IdParamsSchema,
  lineText,
  OutboxListSchema,
  SessionBodySchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors';
import { listOutbox } from '../../plugins/mail/outbox.queries';
import { toUser } from '../accounts/accounts.service';
import { findDemoPerson, listDemoPeople } from '../seed/demo.queries';
import { DEMO_EMAIL_DOMAIN } from '../seed/demo-data';

const MailboxQuerySchema = z.object({
  /** Only messages to this address, whatever its case. */
  to: lineText(320).optional(),
});

/**
 * The development mailbox: what the platform mailed, read straight from the outbox, and the
 * demo's people, whom it signs in with one click. It shows sign-in codes and reset links and
 * opens accounts to anyone who can reach it, so app.ts registers it only outside production;
 * there these paths are unknown routes. Only the demo's fictitious people (addresses at
 * DEMO_EMAIL_DOMAIN) can be signed in this way, never an account someone created.
 */
export const mailboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dev/mailbox',
    {
      schema: {
        tags: ['development'],
        summary: 'Mail kept in the outbox, newest first (development only)',
        querystring: MailboxQuerySchema,
        response: { 200: OutboxListSchema },
      },
    },
    async (request) => {
      const rows = await listOutbox(app.db, { to: request.query.to, limit: 100 });
      return {
        items: rows.map((row) => ({
          id: row.id,
          to: row.to_address,
          subject: row.subject,
          text: row.text_body,
          html: row.html_body,
          status: row.status,
          headers: row.headers ?? {},
          createdAt: row.created_at.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/dev/demo-people',
    {
      schema: {
        tags: ['development'],
        summary: 'The people of the living demo (development only)',
        response: { 200: DemoPeopleSchema },
      },
    },
    async () => {
      const rows = await listDemoPeople(app.db, DEMO_EMAIL_DOMAIN);
      return {
        items: rows.map((row) => ({
          id: row.id,
          displayName: row.display_name,
          email: row.email,
          organisationName: row.organisation_name,
          fantasticRole: row.fantastic_role as DemoPerson['fantasticRole'],
          role: row.role,
        })),
      };
    },
  );

  app.post(
    '/dev/demo-people/:id/session',
    {
      config: { quota: 'signIn' },
      schema: {
        tags: ['development'],
        summary: 'Sign in as a person of the living demo (development only)',
        params: IdParamsSchema,
        response: { 200: SessionBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const user = await findDemoPerson(app.db, DEMO_EMAIL_DOMAIN, request.params.id);
      if (!user) throw notFound('demo person');
      const { csrfToken } = await app.signIn(request, reply, user.id);
      return { user: await toUser(app.db, user), csrfToken };
    },
  );
};
