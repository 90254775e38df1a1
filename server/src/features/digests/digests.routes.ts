import { AcceptedSchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { digestsDepsOf } from './digests.deps';
import { planNextRun, requestRun, runDigests, sendDigests } from './digests.service';
import type { DigestPeriod } from './schedule';

/** `POST /api/admin/digests/run`. */
const DigestRunBodySchema = z.strictObject({
  /** Which digests: the daily or the weekly one. */
  period: z.enum(['daily', 'weekly']),
});

const PERIODS: DigestPeriod[] = ['daily', 'weekly'];

/**
 * Digests: each person's daily or weekly mail of what is new in their spaces. Runs are jobs,
 * planned at 07:00 Paris (weekly: Mondays) on the durable queue; an admin may start one now.
 */
export const digestsRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, options) => {
  const deps = digestsDepsOf(app, options);
  app.jobs.work('digests.run', (job) => runDigests(deps, job.data), {
    attempts: 3,
    retryDelaySeconds: 60,
    expireInSeconds: 600,
  });
  app.jobs.work('digests.send', (job) => sendDigests(deps, job.data), {
    attempts: 5,
    retryDelaySeconds: 60,
    expireInSeconds: 900,
  });
  // Every process (re)starts both chains; each run is planned once whoever starts it.
  app.addHook('onReady', async () => {
    for (const period of PERIODS) await planNextRun(deps, period);
  });

  app.post(
    '/admin/digests/run',
    {
      ...signedIn,
      config: { quota: 'edit' },
      schema: {
        tags: ['mail'],
        summary: 'Send the daily or weekly digests now (admins); each person still gets one per period',
        body: DigestRunBodySchema,
        response: { 202: AcceptedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await requestRun(deps, { actor: actorFrom(request.auth), period: request.body.period });
      reply.status(202);
      return { ok: true as const };
    },
  );
};
