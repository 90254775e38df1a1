import {
  ConversationCreateBodySchema,
  ConversationCreatedSchema,
  ConversationDetailQuerySchema,
  ConversationDetailSchema,
  ConversationListQuerySchema,
  ConversationListSchema,
  ConversationReadBodySchema,
  FlagCreateBodySchema,
  FlagEnvelopeSchema,
  IdempotencyHeadersSchema,
  IdParamsSchema,
  MessageCreateBodySchema,
  MessageEditBodySchema,
  MessageResponseSchema,
  MessageSettingsSchema,
  MessageSettingsUpdateSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, errorResponsesWith, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { sessionAvatarUrl } from '../accounts/avatars.content';
import {
  getConversation,
  getMessageSettings,
  listConversations,
  markRead,
  startConversation,
  updateMessageSettings,
} from './conversations.service';
import type { MessagesDeps } from './messages.deps';
import { createMessagesMailer } from './messages.mail';
import { canReadConversationRoom } from './messages.realtime';
import { deleteMessage, editMessage, flagMessage, postMessage, sendMessageMails } from './messages.service';

const tags = ['messages'];

/** The signed-in author as shown with their message. */
const authorOf = (request: {
  auth: { user: { id: string; display_name: string; avatar_updated_at: Date | null } } | null;
}) => ({
  id: request.auth?.user.id ?? '',
  displayName: request.auth?.user.display_name ?? '',
  avatarUrl: sessionAvatarUrl(request.auth),
});

/**
 * Direct messages between members: conversations of 2 to 10 people, their messages (edits,
 * deletes, reports), read positions and one's settings. Changes commit with their realtime
 * events (`conversation:<id>`, `user:<id>`) and their mail jobs.
 */
export const messagesRoutes: FastifyPluginAsyncZod<{ publicUrl: string; groupSeconds: number }> = async (
  app,
  options,
) => {
  const deps: MessagesDeps = {
    db: app.db,
    transaction: app.realtime.transaction,
    jobs: app.jobs,
    mailer: createMessagesMailer(app.mail, options),
    now: () => new Date(),
  };
  app.jobs.work('messages.mail', (job) => sendMessageMails(deps, job.data), {
    attempts: 5,
    retryDelaySeconds: 30,
    expireInSeconds: 300,
  });
  app.realtime.registerRoomKind('conversation', (actor, id) => canReadConversationRoom(app.db, actor, id));

  app.get(
    '/conversations',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'One’s conversations, latest activity first, with unread counts',
        querystring: ConversationListQuerySchema,
        response: { 200: ConversationListSchema, ...errorResponses },
      },
    },
    async (request) => listConversations(deps, { actor: actorFrom(request.auth), cursor: request.query.cursor }),
  );

  app.post(
    '/conversations',
    {
      ...signedIn,
      config: { quota: 'conversation' },
      schema: {
        tags,
        summary: 'Write to 1 to 9 people (a direct conversation with one person is reused); accepts Idempotency-Key',
        headers: IdempotencyHeadersSchema,
        body: ConversationCreateBodySchema,
        response: { 201: ConversationCreatedSchema, ...errorResponsesWith(413, 429) },
      },
    },
    async (request, reply) => {
      const created = await startConversation(deps, {
        actor: actorFrom(request.auth),
        author: authorOf(request),
        participantIds: request.body.participantIds,
        body: request.body.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      reply.status(201);
      return created;
    },
  );

  app.get(
    '/conversations/:id',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'A conversation (its participants only) and its messages, oldest first',
        params: IdParamsSchema,
        querystring: ConversationDetailQuerySchema,
        response: { 200: ConversationDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      getConversation(deps, {
        actor: actorFrom(request.auth),
        conversationId: request.params.id,
        before: request.query.before,
      }),
  );

  app.post(
    '/conversations/:id/messages',
    {
      ...signedIn,
      config: { quota: 'message' },
      schema: {
        tags,
        summary: 'Write in a conversation one is in; accepts Idempotency-Key',
        params: IdParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: MessageCreateBodySchema,
        response: { 201: MessageResponseSchema, ...errorResponsesWith(413, 429) },
      },
    },
    async (request, reply) => {
      const created = await postMessage(deps, {
        actor: actorFrom(request.auth),
        author: authorOf(request),
        conversationId: request.params.id,
        body: request.body.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      reply.status(201);
      return created;
    },
  );

  app.post(
    '/conversations/:id/read',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Move one’s read position forward',
        params: IdParamsSchema,
        body: ConversationReadBodySchema,
        response: { 204: z.null().describe('read'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await markRead(deps, {
        actor: actorFrom(request.auth),
        conversationId: request.params.id,
        lastReadNumber: request.body.lastReadNumber,
      });
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/messages/:id',
    {
      ...signedIn,
      config: { quota: 'edit' },
      schema: {
        tags,
        summary: 'Edit one’s message',
        params: IdParamsSchema,
        body: MessageEditBodySchema,
        response: { 200: MessageResponseSchema, ...errorResponsesWith(413, 429) },
      },
    },
    async (request) =>
      editMessage(deps, { actor: actorFrom(request.auth), messageId: request.params.id, body: request.body.body }),
  );

  app.delete(
    '/messages/:id',
    {
      ...signedIn,
      config: { quota: 'edit' },
      schema: {
        tags,
        summary: 'Delete one’s message: the words go, the place stays',
        params: IdParamsSchema,
        response: { 204: z.null().describe('deleted'), ...errorResponsesWith(429) },
      },
    },
    async (request, reply) => {
      await deleteMessage(deps, { actor: actorFrom(request.auth), messageId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/messages/:id/flags',
    {
      ...signedIn,
      config: { quota: 'flag' },
      schema: {
        tags,
        summary: 'Report someone else’s message to the moderators (shows them that message only)',
        params: IdParamsSchema,
        body: FlagCreateBodySchema,
        response: { 200: FlagEnvelopeSchema, 201: FlagEnvelopeSchema, ...errorResponsesWith(429) },
      },
    },
    async (request, reply) => {
      const { flag, created } = await flagMessage(deps, {
        actor: actorFrom(request.auth),
        messageId: request.params.id,
        body: request.body,
      });
      reply.status(created ? 201 : 200);
      return { flag };
    },
  );

  app.get(
    '/me/message-settings',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Who may write to me, and how I hear of messages by mail',
        response: { 200: MessageSettingsSchema, ...errorResponses },
      },
    },
    async (request) => getMessageSettings(deps, { actor: actorFrom(request.auth) }),
  );

  app.put(
    '/me/message-settings',
    {
      ...signedIn,
      config: { quota: 'edit' },
      schema: {
        tags,
        summary: 'Who may write to me (everyone, people of my spaces, nobody) and the mail (each, daily, off)',
        body: MessageSettingsUpdateSchema,
        response: { 200: MessageSettingsSchema, ...errorResponsesWith(429) },
      },
    },
    async (request) =>
      updateMessageSettings(deps, { actor: actorFrom(request.auth), from: request.body.from, mail: request.body.mail }),
  );
};
