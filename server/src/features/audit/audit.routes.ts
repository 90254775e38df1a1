import { AuditPageSchema, AuditQuerySchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { listAudit } from './audit.service';

/** The audit log, for admins: who did what to whom, newest first. Written by other features. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/admin/audit',
    {
      ...signedIn,
      schema: {
        tags: ['privacy'],
        summary: 'The audit log, newest first (admins)',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...errorResponses },
      },
    },
    (request) => listAudit({ db: app.db }, { actor: actorFrom(request.auth), cursor: request.query.cursor }),
  );
};
