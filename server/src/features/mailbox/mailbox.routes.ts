import { lineText, OutboxListSchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listOutbox } from '../../plugins/mail/outbox.queries';

const MailboxQuerySchema = z.object({
  /** Only messages to this address, whatever its case. */
  to: lineText(320).optional(),
});

/**
 * The development mailbox: what the platform mailed, read straight from the outbox. It shows
 * sign-in codes and reset links to anyone who can reach it, so app.ts registers it only
 * outside production; there the path is an unknown route.
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
          createdAt: row.created_at.toISOString(),
        })),
      };
    },
  );
};
