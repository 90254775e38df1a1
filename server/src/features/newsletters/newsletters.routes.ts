import {
  IdempotencyHeadersSchema,
  IdParamsSchema,
  ListQuerySchema,
  NewsletterCreateBodySchema,
  NewsletterEnvelopeSchema,
  NewsletterListSchema,
  NewsletterSendResultSchema,
  NewsletterSubscriptionSchema,
  NewsletterUpdateBodySchema,
  SpaceSlugParamsSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponsesWith, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { deliverNextBatch, resumeStalledSends, sendNewsletter } from './newsletter-sending.service';
import type { NewslettersDeps } from './newsletters.deps';
import {
  createNewsletter,
  deleteNewsletter,
  getNewsletter,
  listNewsletters,
  setSubscription,
  updateNewsletter,
} from './newsletters.service';

export interface NewslettersRoutesOptions {
  publicUrl: string;
  /** People mailed per transaction (default 200). */
  batchSize?: number;
}

const tags = ['newsletters'];
const errors = errorResponsesWith(413, 429);
const noContent = { 204: z.null().describe('done') };

/**
 * A batch is one short transaction; a run still active after five minutes is presumed dead and
 * retried. Ten tries with backoff ride out a database restart without giving up on an issue.
 */
const SEND_QUEUE = { attempts: 10, retryDelaySeconds: 15, expireInSeconds: 300 };
/** How often sends whose job gave up are taken up again. */
const RESUME_SECONDS = 3600;

/** A space's infolettres: drafts, sending through the queue, the archive, and receiving them or not. */
export const newslettersRoutes: FastifyPluginAsyncZod<NewslettersRoutesOptions> = async (app, options) => {
  const deps: NewslettersDeps = {
    db: app.db,
    jobs: app.jobs,
    mail: app.mail,
    publicUrl: options.publicUrl,
    batchSize: options.batchSize ?? 200,
    log: app.log,
  };

  app.jobs.work(
    'newsletters.send',
    (job) => deliverNextBatch(deps, job.data.newsletterId).then(() => undefined),
    SEND_QUEUE,
  );
  const resumeLater = () => app.jobs.enqueue(app.db, 'newsletters.resume', {}, { oncePerSeconds: RESUME_SECONDS });
  app.jobs.work('newsletters.resume', async () => {
    const resumed = await resumeStalledSends(deps);
    if (resumed > 0) app.log.warn({ resumed }, 'newsletters: resumed stalled sends');
    await resumeLater();
  });
  app.addHook('onReady', async () => {
    await resumeLater();
  });

  app.get(
    '/spaces/:slug/newsletters',
    {
      schema: {
        tags,
        summary: "A space's infolettres: its sent issues, newest first, and its drafts for those who manage it",
        params: SpaceSlugParamsSchema,
        querystring: ListQuerySchema,
        response: { 200: NewsletterListSchema, ...errors },
      },
    },
    async (request) =>
      listNewsletters(deps, { actor: actorFrom(request.auth), slug: request.params.slug, ...request.query }),
  );

  app.post(
    '/spaces/:slug/newsletters',
    {
      config: { quota: 'newsletter' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Write a draft infolettre (animateur·ices of the space, admins); accepts Idempotency-Key',
        params: SpaceSlugParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: NewsletterCreateBodySchema,
        response: { 201: NewsletterEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const newsletter = await createNewsletter(deps, {
        actor: actorFrom(request.auth),
        slug: request.params.slug,
        body: request.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      reply.status(201);
      return { newsletter };
    },
  );

  app.put(
    '/spaces/:slug/newsletters/subscription',
    {
      config: { quota: 'follow' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Receive the space’s infolettres or not (active members)',
        params: SpaceSlugParamsSchema,
        body: NewsletterSubscriptionSchema,
        response: { 200: NewsletterSubscriptionSchema, ...errors },
      },
    },
    async (request) =>
      setSubscription(deps, {
        actor: actorFrom(request.auth),
        slug: request.params.slug,
        subscribed: request.body.subscribed,
      }),
  );

  app.get(
    '/newsletters/:id',
    {
      schema: {
        tags,
        summary: 'One infolettre: a sent one for the space’s readers, a draft for those who manage it',
        params: IdParamsSchema,
        response: { 200: NewsletterEnvelopeSchema, ...errors },
      },
    },
    async (request) => ({
      newsletter: await getNewsletter(deps, { actor: actorFrom(request.auth), id: request.params.id }),
    }),
  );

  app.patch(
    '/newsletters/:id',
    {
      config: { quota: 'edit' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Change a draft’s subject or body; once sent → 409 conflict',
        params: IdParamsSchema,
        body: NewsletterUpdateBodySchema,
        response: { 200: NewsletterEnvelopeSchema, ...errors },
      },
    },
    async (request) => ({
      newsletter: await updateNewsletter(deps, {
        actor: actorFrom(request.auth),
        id: request.params.id,
        changes: request.body,
      }),
    }),
  );

  app.delete(
    '/newsletters/:id',
    {
      config: { quota: 'edit' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Delete a draft; once sent → 409 conflict',
        params: IdParamsSchema,
        response: { ...noContent, ...errors },
      },
    },
    async (request, reply) => {
      await deleteNewsletter(deps, { actor: actorFrom(request.auth), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/newsletters/:id/send',
    {
      config: { quota: 'newsletterSend' },
      ...signedIn,
      schema: {
        tags,
        summary:
          'Send a draft to the space’s active members who did not opt out, through the queue → 202; a second send → 409 conflict',
        params: IdParamsSchema,
        response: { 202: NewsletterSendResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await sendNewsletter(deps, { actor: actorFrom(request.auth), id: request.params.id });
      reply.status(202);
      return result;
    },
  );
};
