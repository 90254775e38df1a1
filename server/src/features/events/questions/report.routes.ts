import { EventEnvelopeSchema, FollowUpBodySchema, IdParamsSchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponsesWith, signedIn } from '../../../core/http';
import { actorFrom } from '../../../policy/policy';
import { sessionAvatarUrl } from '../../accounts/avatars.content';
import { presentEvent } from '../events.service';
import { openFollowUp, publishReport, type ReportDeps } from './report.service';

const tags = ['events'];

/** After the session: the compte rendu (a shared document) and the follow-up thread. */
export const reportRoutes: FastifyPluginAsyncZod<ReportDeps> = async (app, deps) => {
  app.post(
    '/events/:id/report',
    {
      config: { quota: 'eventManage' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Create and link the compte rendu, a shared document (who manages the event; once)',
        params: IdParamsSchema,
        response: { 201: EventEnvelopeSchema, ...errorResponsesWith(413) },
      },
    },
    async (request, reply) => {
      const context = await publishReport(deps, { actor: actorFrom(request.auth), eventId: request.params.id });
      reply.status(201);
      return { event: await presentEvent(deps.db, context) };
    },
  );

  app.post(
    '/events/:id/follow-up',
    {
      config: { quota: 'eventManage' },
      ...signedIn,
      schema: {
        tags,
        summary:
          "Open and link the follow-up thread, in the event's space or the one named (who manages the event; once)",
        params: IdParamsSchema,
        body: FollowUpBodySchema,
        response: { 201: EventEnvelopeSchema, ...errorResponsesWith(413) },
      },
    },
    async (request, reply) => {
      const context = await openFollowUp(deps, {
        actor: actorFrom(request.auth),
        displayName: request.auth?.user.display_name ?? '',
        avatarUrl: sessionAvatarUrl(request.auth),
        eventId: request.params.id,
        body: request.body,
      });
      reply.status(201);
      return { event: await presentEvent(deps.db, context) };
    },
  );
};
