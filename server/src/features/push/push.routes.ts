import {
  ErrorBodySchema,
  IdParamsSchema,
  PushPublicKeySchema,
  PushSubscriptionCreatedSchema,
  PushSubscriptionCreateSchema,
  PushSubscriptionListSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { announceStart, deliver, notifyPerson } from './delivery.service';
import { pushDepsOf } from './push.deps';
import { listDevices, removeDevice, subscribe } from './push.service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

/** Web Push: the server's public key, one's devices, and the jobs that reach them. */
export const pushRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const deps = pushDepsOf(app, config);

  app.jobs.work('push.notify', (job) => notifyPerson(deps, job), { attempts: 3 });
  // A busy push service is tried again after 30 s, 1 min, 2 min, 4 min.
  app.jobs.work('push.deliver', (job) => deliver(deps, job), {
    attempts: 5,
    retryDelaySeconds: 30,
    expireInSeconds: 120,
  });
  app.jobs.work('push.event-start', (job) => announceStart(deps, job.data), { attempts: 3 });

  app.get(
    '/push/public-key',
    {
      schema: {
        tags: ['push'],
        summary: 'The VAPID public key browsers subscribe with (`applicationServerKey`)',
        response: { 200: PushPublicKeySchema },
      },
    },
    async () => ({ key: (await deps.vapidKeys()).publicKey }),
  );

  app.get(
    '/me/push-subscriptions',
    {
      ...signedIn,
      schema: {
        tags: ['push'],
        summary: 'The devices that receive one’s notifications, newest first',
        response: { 200: PushSubscriptionListSchema, ...errors },
      },
    },
    async (request) => listDevices(deps, actorFrom(request.auth)),
  );

  app.post(
    '/me/push-subscriptions',
    {
      ...signedIn,
      config: { quota: 'pushDevice' },
      schema: {
        tags: ['push'],
        summary: 'This browser receives one’s notifications (again: its keys are updated)',
        body: PushSubscriptionCreateSchema,
        response: { 201: PushSubscriptionCreatedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await subscribe(deps, {
        actor: actorFrom(request.auth),
        body: request.body,
        userAgent: request.headers['user-agent'],
      });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/me/push-subscriptions/:id',
    {
      ...signedIn,
      config: { quota: 'pushDevice' },
      schema: {
        tags: ['push'],
        summary: 'A device stops receiving one’s notifications',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeDevice(deps, { actor: actorFrom(request.auth), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
};
