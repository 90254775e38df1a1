import {
  IdempotencyHeadersSchema,
  IdParamsSchema,
  PostCreateBodySchema,
  PostEditBodySchema,
  PostResponseSchema,
  PostRevisionListSchema,
  ReactionParamsSchema,
  ReactionsResponseSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponsesWith, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { sessionAvatarUrl } from '../accounts/avatars.content';
import type { DiscussionsDeps } from './discussions.deps';
import { createPost, deletePost, editPost, listRevisions, setReaction } from './posts.service';

const tags = ['discussions'];

export const postsRoutes: FastifyPluginAsyncZod<{ deps: DiscussionsDeps }> = async (app, { deps }) => {
  app.post(
    '/threads/:id/posts',
    {
      config: { quota: 'post' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Post in a thread (members and admins; locked → 409); accepts Idempotency-Key',
        params: IdParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: PostCreateBodySchema,
        response: { 201: PostResponseSchema, ...errorResponsesWith(413, 429) },
      },
    },
    async (request, reply) => {
      const created = await createPost(deps, {
        actor: actorFrom(request.auth),
        displayName: request.auth?.user.display_name ?? '',
        avatarUrl: sessionAvatarUrl(request.auth),
        threadId: request.params.id,
        body: request.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      reply.status(201);
      return created;
    },
  );

  app.patch(
    '/posts/:id',
    {
      config: { quota: 'edit' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Edit one’s post; the previous version is kept in its history',
        params: IdParamsSchema,
        body: PostEditBodySchema,
        response: { 200: PostResponseSchema, ...errorResponsesWith(413, 429) },
      },
    },
    async (request) =>
      editPost(deps, { actor: actorFrom(request.auth), postId: request.params.id, body: request.body.body }),
  );

  app.delete(
    '/posts/:id',
    {
      config: { quota: 'edit' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Delete a post (its author, animateur·ices, admins): the body goes, the place stays',
        params: IdParamsSchema,
        response: { 204: z.null().describe('deleted'), ...errorResponsesWith(413, 429) },
      },
    },
    async (request, reply) => {
      await deletePost(deps, { actor: actorFrom(request.auth), postId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/posts/:id/revisions',
    {
      schema: {
        tags,
        summary: 'Earlier versions of a post, newest first',
        params: IdParamsSchema,
        response: { 200: PostRevisionListSchema, ...errorResponsesWith(413, 429) },
      },
    },
    async (request) => listRevisions(deps, { actor: actorFrom(request.auth), postId: request.params.id }),
  );

  for (const [method, on] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/posts/:id/reactions/:emoji',
      config: { quota: 'reaction' },
      ...signedIn,
      schema: {
        tags,
        summary: on ? 'React to a post (idempotent)' : 'Take one’s reaction back (idempotent)',
        params: ReactionParamsSchema,
        response: { 200: ReactionsResponseSchema, ...errorResponsesWith(413, 429) },
      },
      handler: async (request) =>
        setReaction(deps, {
          actor: actorFrom(request.auth),
          postId: request.params.id,
          emoji: request.params.emoji,
          on,
        }),
    });
  }
};
