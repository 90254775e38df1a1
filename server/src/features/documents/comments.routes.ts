import {
  CommentReplyBodySchema,
  CommentReplyEnvelopeSchema,
  CommentThreadCreateBodySchema,
  CommentThreadEnvelopeSchema,
  CommentThreadListSchema,
  IdempotencyHeadersSchema,
  IdParamsSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, errorResponsesWith, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { canReadDocumentRoom } from './comments.realtime';
import { deleteComment, listComments, replyToThread, setResolved, startThread } from './comments.service';
import type { CommentsDeps } from './documents.deps';

const tags = ['documents'];

/**
 * Comment threads on documents. Changes are announced live in room `document:<id>`, which
 * whoever may read the document may follow.
 */
export const commentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: CommentsDeps = { db: app.db, transaction: app.realtime.transaction };
  app.realtime.registerRoomKind('document', (actor, id) => canReadDocumentRoom(app.db, actor, id));

  app.get(
    '/documents/:id/comments',
    {
      schema: {
        tags,
        summary: "A document's comment threads (open and resolved), oldest first, with the caller's rights",
        params: IdParamsSchema,
        response: { 200: CommentThreadListSchema, ...errorResponses },
      },
    },
    async (request) => listComments(deps, { actor: actorFrom(request.auth), documentId: request.params.id }),
  );

  app.post(
    '/documents/:id/comments',
    {
      config: { quota: 'comment' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Start a comment thread on a passage (signed-in members of the space); accepts Idempotency-Key',
        params: IdParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: CommentThreadCreateBodySchema,
        response: { 201: CommentThreadEnvelopeSchema, ...errorResponsesWith(429) },
      },
    },
    async (request, reply) => {
      const created = await startThread(deps, {
        actor: actorFrom(request.auth),
        documentId: request.params.id,
        body: request.body.body,
        anchor: request.body.anchor,
        idempotencyKey: request.headers['idempotency-key'],
      });
      reply.status(201);
      return created;
    },
  );

  app.post(
    '/comments/:id/replies',
    {
      config: { quota: 'comment' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Reply in an open comment thread (resolved → 409 comment_resolved); accepts Idempotency-Key',
        params: IdParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: CommentReplyBodySchema,
        response: { 201: CommentReplyEnvelopeSchema, ...errorResponsesWith(429) },
      },
    },
    async (request, reply) => {
      const created = await replyToThread(deps, {
        actor: actorFrom(request.auth),
        commentId: request.params.id,
        body: request.body.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      reply.status(201);
      return created;
    },
  );

  for (const [action, resolved] of [
    ['resolve', true],
    ['reopen', false],
  ] as const) {
    app.post(
      `/comments/:id/${action}`,
      {
        config: { quota: 'edit' },
        ...signedIn,
        schema: {
          tags,
          summary: `${resolved ? 'Resolve' : 'Reopen'} a comment thread (its author, the document's editors, the space's animateur·ices)`,
          params: IdParamsSchema,
          response: { 200: CommentThreadEnvelopeSchema, ...errorResponsesWith(429) },
        },
      },
      async (request) => setResolved(deps, { actor: actorFrom(request.auth), commentId: request.params.id, resolved }),
    );
  }

  app.delete(
    '/comments/:id',
    {
      config: { quota: 'edit' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Delete a reply, or a thread without replies (its author, animateur·ices, admins)',
        params: IdParamsSchema,
        response: { 204: z.null().describe('deleted'), ...errorResponsesWith(429) },
      },
    },
    async (request, reply) => {
      await deleteComment(deps, { actor: actorFrom(request.auth), commentId: request.params.id });
      return reply.status(204).send(null);
    },
  );
};
