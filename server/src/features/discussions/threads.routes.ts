import {
  IdempotencyHeadersSchema,
  IdParamsSchema,
  ListQuerySchema,
  ReadBodySchema,
  SpaceSlugParamsSchema,
  ThreadCreateBodySchema,
  ThreadCreatedSchema,
  ThreadDetailSchema,
  ThreadListSchema,
  ThreadResponseSchema,
  ThreadUpdateBodySchema,
  UnreadSummarySchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponsesWith, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { sessionAvatarUrl } from '../accounts/avatars.content';
import type { DiscussionsDeps } from './discussions.deps';
import { markSpaceAllRead, markThreadRead, unreadSummary } from './reads.service';
import { createThread, getThread, listThreads, setFollowing, updateThread } from './threads.service';

const tags = ['discussions'];
const noContent = { 204: z.null().describe('done') };

export const threadsRoutes: FastifyPluginAsyncZod<{ deps: DiscussionsDeps }> = async (app, { deps }) => {
  app.get(
    '/spaces/:slug/threads',
    {
      schema: {
        tags,
        summary: "A space's threads, pinned first then by latest post, with the caller's unread counts",
        params: SpaceSlugParamsSchema,
        querystring: ListQuerySchema,
        response: { 200: ThreadListSchema, ...errorResponsesWith(413, 429) },
      },
    },
    async (request) =>
      listThreads(deps, { actor: actorFrom(request.auth), slug: request.params.slug, ...request.query }),
  );

  app.post(
    '/spaces/:slug/threads',
    {
      config: { quota: 'post' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Start a thread with its first post (members and admins); accepts Idempotency-Key',
        params: SpaceSlugParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: ThreadCreateBodySchema,
        response: { 201: ThreadCreatedSchema, ...errorResponsesWith(413, 429) },
      },
    },
    async (request, reply) => {
      const created = await createThread(deps, {
        actor: actorFrom(request.auth),
        displayName: request.auth?.user.display_name ?? '',
        avatarUrl: sessionAvatarUrl(request.auth),
        slug: request.params.slug,
        body: request.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      reply.status(201);
      return created;
    },
  );

  app.get(
    '/threads/:id',
    {
      schema: {
        tags,
        summary: 'A thread, a page of its posts (oldest first) and the first unread post',
        params: IdParamsSchema,
        querystring: ListQuerySchema,
        response: { 200: ThreadDetailSchema, ...errorResponsesWith(413, 429) },
      },
    },
    async (request) =>
      getThread(deps, { actor: actorFrom(request.auth), threadId: request.params.id, ...request.query }),
  );

  app.patch(
    '/threads/:id',
    {
      config: { quota: 'edit' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Rename, pin or lock a thread (animateur·ices and admins)',
        params: IdParamsSchema,
        body: ThreadUpdateBodySchema,
        response: { 200: ThreadResponseSchema, ...errorResponsesWith(413, 429) },
      },
    },
    async (request) =>
      updateThread(deps, { actor: actorFrom(request.auth), threadId: request.params.id, body: request.body }),
  );

  app.post(
    '/threads/:id/read',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Move the read position forward (never backwards) to a post of this thread',
        params: IdParamsSchema,
        body: ReadBodySchema,
        response: { ...noContent, ...errorResponsesWith(413, 429) },
      },
    },
    async (request, reply) => {
      await markThreadRead(deps, {
        actor: actorFrom(request.auth),
        threadId: request.params.id,
        lastReadPostId: request.body.lastReadPostId,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/spaces/:slug/read-all',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Mark every thread of the space read',
        params: SpaceSlugParamsSchema,
        response: { ...noContent, ...errorResponsesWith(413, 429) },
      },
    },
    async (request, reply) => {
      await markSpaceAllRead(deps, { actor: actorFrom(request.auth), slug: request.params.slug });
      return reply.status(204).send(null);
    },
  );

  for (const [method, following] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/threads/:id/follow',
      config: { quota: 'follow' },
      ...signedIn,
      schema: {
        tags,
        summary: following ? 'Follow a thread (notifications of new posts)' : 'Stop following a thread',
        params: IdParamsSchema,
        response: { ...noContent, ...errorResponsesWith(413, 429) },
      },
      handler: async (request, reply) => {
        await setFollowing(deps, { actor: actorFrom(request.auth), threadId: request.params.id, following });
        return reply.status(204).send(null);
      },
    });
  }

  app.get(
    '/me/unread',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Unread posts per space the caller belongs to',
        response: { 200: UnreadSummarySchema, ...errorResponsesWith(413, 429) },
      },
    },
    async (request) => unreadSummary(deps, { actor: actorFrom(request.auth) }),
  );
};
