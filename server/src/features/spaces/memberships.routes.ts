import {
  ApproveResponseSchema,
  JoinRequestListSchema,
  JoinResponseSchema,
  LeaveQuerySchema,
  MemberListQuerySchema,
  MemberListSchema,
  MemberResponseSchema,
  MySpacesSchema,
  RemoveMemberQuerySchema,
  RoleChangeBodySchema,
  SpaceMemberParamsSchema,
  SpaceSlugParamsSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import * as memberships from './memberships.service';

export const membershipsRoutes: FastifyPluginAsyncZod<{ deps: memberships.MembershipsDeps }> = async (
  app,
  { deps },
) => {
  app.post(
    '/spaces/:slug/join',
    {
      config: { quota: 'membership' },
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: 'Join an open space, or ask to join a space on request (pending until an animateur decides)',
        params: SpaceSlugParamsSchema,
        response: { 200: JoinResponseSchema, ...errorResponses },
      },
    },
    async (request) => ({
      membership: await memberships.joinSpace(deps, { actor: actorFrom(request.auth), slug: request.params.slug }),
    }),
  );

  app.delete(
    '/spaces/:slug/membership',
    {
      config: { quota: 'membership' },
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: 'Leave a space or withdraw a pending request; the last animateur names a successor',
        params: SpaceSlugParamsSchema,
        querystring: LeaveQuerySchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorFrom(request.auth);
      await memberships.leaveSpace(deps, { actor, slug: request.params.slug, successorId: request.query.successorId });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/spaces/:slug/members',
    {
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: 'Active members with organisation, territory and 4 Fantastiques role, animateur·ices first',
        params: SpaceSlugParamsSchema,
        querystring: MemberListQuerySchema,
        response: { 200: MemberListSchema, ...errorResponses },
      },
    },
    async (request) =>
      memberships.listMembers(deps, { actor: actorFrom(request.auth), slug: request.params.slug, ...request.query }),
  );

  app.patch(
    '/spaces/:slug/members/:userId',
    {
      config: { quota: 'members' },
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: 'Make a member animateur·ice or membre (animateur·ices, admins)',
        params: SpaceMemberParamsSchema,
        body: RoleChangeBodySchema,
        response: { 200: MemberResponseSchema, ...errorResponses },
      },
    },
    async (request) => ({
      member: await memberships.changeMemberRole(deps, {
        actor: actorFrom(request.auth),
        ...request.params,
        role: request.body.role,
      }),
    }),
  );

  app.delete(
    '/spaces/:slug/members/:userId',
    {
      config: { quota: 'members' },
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: 'Remove a member (animateur·ices, admins); the last animateur needs a successor',
        params: SpaceMemberParamsSchema,
        querystring: RemoveMemberQuerySchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await memberships.removeMember(deps, {
        actor: actorFrom(request.auth),
        ...request.params,
        successorId: request.query.successorId,
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/spaces/:slug/requests',
    {
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: 'Pending requests to join, oldest first (animateur·ices, admins)',
        params: SpaceSlugParamsSchema,
        querystring: MemberListQuerySchema,
        response: { 200: JoinRequestListSchema, ...errorResponses },
      },
    },
    async (request) =>
      memberships.listJoinRequests(deps, {
        actor: actorFrom(request.auth),
        slug: request.params.slug,
        ...request.query,
      }),
  );

  app.post(
    '/spaces/:slug/requests/:userId/approve',
    {
      config: { quota: 'members' },
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: 'Approve a pending request; the requester is told by mail',
        params: SpaceMemberParamsSchema,
        response: { 200: ApproveResponseSchema, ...errorResponses },
      },
    },
    async (request) => ({
      member: (await memberships.decideJoinRequest(deps, {
        actor: actorFrom(request.auth),
        ...request.params,
        approve: true,
      }))!,
    }),
  );

  app.post(
    '/spaces/:slug/requests/:userId/decline',
    {
      config: { quota: 'members' },
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: 'Decline a pending request; the requester is told by mail',
        params: SpaceMemberParamsSchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await memberships.decideJoinRequest(deps, { actor: actorFrom(request.auth), ...request.params, approve: false });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me/spaces',
    {
      ...signedIn,
      schema: {
        tags: ['spaces'],
        summary: '"Mes espaces": the spaces I belong to and my pending requests',
        response: { 200: MySpacesSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await memberships.listMySpaces(deps, { actor: actorFrom(request.auth) }) }),
  );
};
