import {
  BulkInvitationBodySchema,
  BulkInvitationQuerySchema,
  BulkInvitationResultSchema,
  InvitationAcceptBodySchema,
  InvitationAcceptResponseSchema,
  InvitationCreateBodySchema,
  InvitationIdParamsSchema,
  InvitationParamsSchema,
  InvitationPreviewSchema,
  InvitationResponseSchema,
  OpenInvitationListSchema,
  OpenInvitationSchema,
  SpaceSlugParamsSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { toUser } from '../accounts/accounts.service';
import { type BulkInvitationsDeps, inviteInBulk, issueQueuedInvitation, rowsFromCsv } from './bulk-invitations.service';
import * as invitations from './invitations.service';

/** A cohort's CSV of 2,000 lines is well under this. */
const CSV_MAX_BYTES = 1024 * 1024;

export const invitationsRoutes: FastifyPluginAsyncZod<{ deps: BulkInvitationsDeps }> = async (app, { deps }) => {
  app.jobs.work('spaces.invite', (job) => issueQueuedInvitation(deps, job.data));
  // Only in this plugin: a CSV body becomes the same { rows } as the JSON one.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_MAX_BYTES }, (_request, body, done) => {
    try {
      done(null, { rows: rowsFromCsv(String(body)) });
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.post(
    '/spaces/:slug/invitations/bulk',
    {
      config: { quota: 'bulkInvitation' },
      bodyLimit: CSV_MAX_BYTES,
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: 'Invite many people at once, from rows or a CSV (animateur·ices, admins); dryRun=true to check only',
        params: SpaceSlugParamsSchema,
        querystring: BulkInvitationQuerySchema,
        body: BulkInvitationBodySchema,
        response: { 200: BulkInvitationResultSchema, ...errorResponses },
      },
    },
    async (request) =>
      inviteInBulk(deps, {
        actor: actorFrom(request.auth),
        slug: request.params.slug,
        rows: request.body.rows,
        role: request.query.role ?? 'membre',
        dryRun: request.query.dryRun === 'true',
      }),
  );

  app.post(
    '/spaces/:slug/invitations',
    {
      config: { quota: 'invitation' },
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: 'Invite someone by mail (animateur·ices, admins); the link is valid 14 days',
        params: SpaceSlugParamsSchema,
        body: InvitationCreateBodySchema,
        response: { 201: InvitationResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const invitation = await invitations.inviteToSpace(deps, {
        actor: actorFrom(request.auth),
        slug: request.params.slug,
        ...request.body,
      });
      reply.status(201);
      return { invitation };
    },
  );

  app.get(
    '/spaces/:slug/invitations',
    {
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: 'The invitations not accepted yet, newest first (animateur·ices, admins)',
        params: SpaceSlugParamsSchema,
        response: { 200: OpenInvitationListSchema, ...errorResponses },
      },
    },
    async (request) => invitations.listInvitations(deps, { actor: actorFrom(request.auth), slug: request.params.slug }),
  );

  app.post(
    '/spaces/:slug/invitations/:id/remind',
    {
      config: { quota: 'members' },
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: 'Mail a new link to someone invited more than a day ago (animateur·ices, admins)',
        params: InvitationIdParamsSchema,
        response: { 200: z.object({ invitation: OpenInvitationSchema }), ...errorResponses },
      },
    },
    async (request) => invitations.remindInvitation(deps, { actor: actorFrom(request.auth), ...request.params }),
  );

  app.delete(
    '/spaces/:slug/invitations/:id',
    {
      config: { quota: 'members' },
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: 'Cancel an invitation: its link stops working (animateur·ices, admins)',
        params: InvitationIdParamsSchema,
        response: { 204: z.null().describe('done'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await invitations.revokeInvitation(deps, { actor: actorFrom(request.auth), ...request.params });
      reply.status(204);
      return null;
    },
  );

  app.get(
    '/invitations/:token',
    {
      schema: {
        tags: ['spaces'],
        summary: 'What an invitation link offers: the space, who invites, whether the account exists',
        params: InvitationParamsSchema,
        response: { 200: InvitationPreviewSchema, ...errorResponses },
      },
    },
    async (request) => invitations.previewInvitation(deps, request.params.token),
  );

  app.post(
    '/invitations/:token/accept',
    {
      config: { quota: 'invitationAccept' },
      schema: {
        tags: ['spaces'],
        summary: 'Accept an invitation: as the invited, signed-in person, or by creating their account',
        params: InvitationParamsSchema,
        body: InvitationAcceptBodySchema,
        response: { 200: InvitationAcceptResponseSchema, ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const result = await invitations.acceptInvitation(deps, {
        signedIn: request.auth?.user ?? null,
        token: request.params.token,
        body: request.body,
      });
      let session = null;
      if (result.createdUser) {
        const { csrfToken } = await app.signIn(request, reply, result.createdUser.id);
        session = { user: await toUser(app.db, result.createdUser), csrfToken };
      }
      return { space: result.space, membership: result.membership, session };
    },
  );
};
