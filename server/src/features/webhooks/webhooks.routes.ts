import {
  SpaceSlugParamsSchema,
  WebhookCreatedSchema,
  WebhookCreateSchema,
  WebhookDeliveryListSchema,
  WebhookEnvelopeSchema,
  WebhookListSchema,
  WebhookParamsSchema,
  WebhookUpdateSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { errorResponses, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { deliverWebhook } from './delivery.service';
import { webhooksDepsOf } from './webhooks.deps';
import {
  changeWebhook,
  createWebhook,
  installWebhookSink,
  listSpaceWebhooks,
  removeWebhook,
  webhookLog,
} from './webhooks.service';

/** A space's webhooks, managed by those who run it, and the job that delivers to them. */
export const webhooksRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const deps = webhooksDepsOf(app, config);
  installWebhookSink({ jobs: app.jobs, publicUrl: config.publicUrl, now: deps.now });

  // A busy receiver is tried again after about 30 s, 1 min, 2 min, 4 min, 8 min.
  app.jobs.work('webhooks.deliver', (job) => deliverWebhook(deps, job), {
    attempts: 6,
    retryDelaySeconds: 30,
    expireInSeconds: 120,
  });

  app.get(
    '/spaces/:slug/webhooks',
    {
      ...signedIn,
      schema: {
        tags: ['webhooks'],
        summary: 'The space’s webhooks (animateur·ices and admins); never their secrets',
        params: SpaceSlugParamsSchema,
        response: { 200: WebhookListSchema, ...errorResponses },
      },
    },
    async (request) => listSpaceWebhooks(deps, { actor: actorFrom(request.auth), slug: request.params.slug }),
  );

  app.post(
    '/spaces/:slug/webhooks',
    {
      ...signedIn,
      config: { quota: 'webhook' },
      schema: {
        tags: ['webhooks'],
        summary: 'A new webhook; its signing secret is in this answer only',
        params: SpaceSlugParamsSchema,
        body: WebhookCreateSchema,
        response: { 201: WebhookCreatedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createWebhook(deps, {
        actor: actorFrom(request.auth),
        slug: request.params.slug,
        body: request.body,
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/spaces/:slug/webhooks/:id',
    {
      ...signedIn,
      config: { quota: 'webhook' },
      schema: {
        tags: ['webhooks'],
        summary: 'Switch a webhook on (its failures forgotten) or off, or change its events',
        params: WebhookParamsSchema,
        body: WebhookUpdateSchema,
        response: { 200: WebhookEnvelopeSchema, ...errorResponses },
      },
    },
    async (request) => changeWebhook(deps, { actor: actorFrom(request.auth), ...request.params, body: request.body }),
  );

  app.delete(
    '/spaces/:slug/webhooks/:id',
    {
      ...signedIn,
      config: { quota: 'webhook' },
      schema: {
        tags: ['webhooks'],
        summary: 'Removes a webhook and its log',
        params: WebhookParamsSchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeWebhook(deps, { actor: actorFrom(request.auth), ...request.params });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/spaces/:slug/webhooks/:id/deliveries',
    {
      ...signedIn,
      schema: {
        tags: ['webhooks'],
        summary: 'The webhook’s last deliveries, newest first: status code, duration, error',
        params: WebhookParamsSchema,
        response: { 200: WebhookDeliveryListSchema, ...errorResponses },
      },
    },
    async (request) => webhookLog(deps, { actor: actorFrom(request.auth), ...request.params }),
  );
};
