import { ErrorBodySchema, HomeSchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { signedIn } from '../../core/http';
import { requireAuth } from '../../plugins/auth';
import { eventsDepsOf } from '../events/events.deps';
import { getHome } from './home.service';

/** « Pour vous »: the signed-in person's home page, in one answer. */
export const homeRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, options) => {
  const deps = eventsDepsOf(app, options);
  app.get(
    '/me/home',
    {
      ...signedIn,
      schema: {
        tags: ['accounts'],
        summary:
          '« Pour vous »: unread threads of my spaces, my next events, documents others edited, the next permanence',
        response: { 200: HomeSchema, 401: ErrorBodySchema },
      },
    },
    async (request) => {
      const { user } = requireAuth(request);
      return getHome(deps, { id: user.id, role: user.role });
    },
  );
};
