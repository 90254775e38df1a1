import { IdParamsSchema, ListQuerySchema, NotificationListSchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '../../policy/policy';
import { signedIn } from '../spaces/spaces.http';
import type { DiscussionsDeps } from './discussions.deps';
import { discussionErrors } from './discussions.http';
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
        response: { 200: NotificationListSchema, ...discussionErrors },
      },
    },
    async (request) => listNotifications(deps.db, { actor: actorFrom(request.auth), ...request.query }),
  );

  app.post(
    '/notifications/read-all',
    {
      ...signedIn,
      schema: { tags, summary: 'Mark every notification read', response: { ...noContent, ...discussionErrors } },
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
        response: { ...noContent, ...discussionErrors },
      },
    },
    async (request, reply) => {
      await readNotification(deps.db, { actor: actorFrom(request.auth), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
};
