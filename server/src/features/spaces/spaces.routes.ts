import {
  SpaceCreateBodySchema,
  SpaceListSchema,
  SpaceResponseSchema,
  SpaceSlugParamsSchema,
  SpaceUpdateBodySchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { invitationsRoutes } from './invitations.routes';
import { membershipsRoutes } from './memberships.routes';
import { createSpacesMailer } from './spaces.mail';
import { canReadSpaceRoom } from './spaces.realtime';
import { createSpace, getSpace, listSpaces, updateSpace } from './spaces.service';

export interface SpacesRoutesOptions {
  /** Base of the links in mails (invitations, request decisions). */
  publicUrl: string;
}

/**
 * Spaces, their memberships and invitations. Every route asks the policy module through the
 * services; none decides access itself.
 */
export const spacesRoutes: FastifyPluginAsyncZod<SpacesRoutesOptions> = async (app, options) => {
  const mailer = createSpacesMailer(app.mail, options.publicUrl);
  const deps = { db: app.db, mailer, accessChanged: app.access.changed };
  app.realtime.registerRoomKind('space', (actor, id) => canReadSpaceRoom(app.db, actor, id));

  app.get(
    '/spaces',
    {
      schema: {
        tags: ['spaces'],
        summary: 'Chantiers, communautés and cohortes the caller may see (private ones only to their members)',
        response: { 200: SpaceListSchema },
      },
    },
    async (request) => ({ items: await listSpaces(deps, { actor: actorFrom(request.auth) }) }),
  );

  app.post(
    '/spaces',
    {
      config: { quota: 'space' },
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: 'Create a space (admins)',
        body: SpaceCreateBodySchema,
        response: { 201: SpaceResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createSpace(deps, { actor: actorFrom(request.auth), body: request.body });
      reply.status(201);
      return created;
    },
  );

  app.get(
    '/spaces/:slug',
    {
      schema: {
        tags: ['spaces'],
        summary: "A space's presentation, the caller's membership and what they may do there",
        params: SpaceSlugParamsSchema,
        response: { 200: SpaceResponseSchema, ...errorResponses },
      },
    },
    async (request) => getSpace(deps, { actor: actorFrom(request.auth), slug: request.params.slug }),
  );

  app.patch(
    '/spaces/:slug',
    {
      config: { quota: 'edit' },
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: 'Edit a space, its visibility and join policy, archive or unarchive it (animateur·ices, admins)',
        params: SpaceSlugParamsSchema,
        body: SpaceUpdateBodySchema,
        response: { 200: SpaceResponseSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateSpace(deps, { actor: actorFrom(request.auth), slug: request.params.slug, body: request.body }),
  );

  await app.register(membershipsRoutes, { deps });
  await app.register(invitationsRoutes, { deps: { ...deps, jobs: app.jobs } });
};
