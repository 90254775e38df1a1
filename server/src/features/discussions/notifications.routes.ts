import { IdParamsSchema, ListQuerySchema, NotificationListSchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponsesWith, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import type { DiscussionsDeps } from './discussions.deps';
import { listNotifications, readAllNotifications, readNotification } from './notifications.service';

const tags = ['notifications'];
const noContent = { 204: z.null().describe('done') };

export const notificationsRoutes: FastifyPluginAsyncZod<{ deps: DiscussionsDeps }> = async (app, { deps }) => {
  app.get(
    '/notifications',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'The caller’s notifications, newest first, with how many are unread',
        querystring: ListQuerySchema,
        response: { 200: NotificationListSchema, ...errorResponsesWith(413, 429) },
      },
    },
    async (request) => listNotifications(deps.db, { actor: actorFrom(request.auth), ...request.query }),
  );

  app.post(
    '/notifications/read-all',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Mark every notification read',
        response: { ...noContent, ...errorResponsesWith(413, 429) },
      },
    },
    async (request, reply) => {
      await readAllNotifications(deps.db, { actor: actorFrom(request.auth) });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/notifications/:id/read',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Mark one notification read',
        params: IdParamsSchema,
        response: { ...noContent, ...errorResponsesWith(413, 429) },
      },
    },
    async (request, reply) => {
      await readNotification(deps.db, { actor: actorFrom(request.auth), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
};
