import { EraseAccountBodySchema, ExportQuerySchema, ExportRequestedSchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { contentDisposition, errorResponses, errorResponsesWith, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { createFileStorage } from '../resources/file-storage';
import { eraseAccount } from './erasure.service';
import { buildExport, openExport, pruneExpiredExports, requestExport } from './export.service';
import { privacyDepsOf } from './privacy.deps';

const tags = ['privacy'];

/**
 * A person's own data (RGPD): an export built in the queue and mailed as a link that expires,
 * and the erasure of the account. The audit log records both.
 */
export const privacyRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const { storage, close } = createFileStorage(config);
  app.addHook('onClose', async () => close());
  const deps = privacyDepsOf(app, { publicUrl: config.publicUrl, storage });

  app.jobs.work('privacy.export', (job) => buildExport(deps, job.data), {
    attempts: 3,
    retryDelaySeconds: 60,
    expireInSeconds: 900,
  });
  app.retention.register('exports', (now, limit) => pruneExpiredExports(deps, now, limit));

  app.post(
    '/me/export',
    {
      ...signedIn,
      config: { quota: 'dataExport' },
      schema: {
        tags,
        summary: 'Ask for a copy of my data: a ZIP is built and its link mailed, valid 48 hours',
        response: { 202: ExportRequestedSchema, ...errorResponsesWith(429) },
      },
    },
    async (request, reply) => {
      const answer = await requestExport(deps, { actor: actorFrom(request.auth) });
      reply.status(202);
      return answer;
    },
  );

  app.get(
    '/me/export',
    {
      schema: {
        tags,
        summary: 'Download my latest ready export (application/zip), with my session or the mailed token',
        querystring: ExportQuerySchema,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { stream, size, createdAt } = await openExport(deps, {
        actor: actorFrom(request.auth),
        token: request.query.token,
      });
      const day = createdAt.toISOString().slice(0, 10);
      return reply
        .header('content-type', 'application/zip')
        .header('content-length', String(size))
        .header('content-disposition', contentDisposition('attachment', `mes-donnees-atelier-${day}.zip`))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );

  app.delete(
    '/me',
    {
      ...signedIn,
      config: { quota: 'erasure' },
      schema: {
        tags,
        summary: 'Erase my account: posts stay as « ancien·ne membre » unless deletePosts',
        body: EraseAccountBodySchema,
        response: { 204: z.null(), ...errorResponsesWith(429) },
      },
    },
    async (request, reply) => {
      await eraseAccount(deps, { actor: actorFrom(request.auth), deletePosts: request.body.deletePosts ?? false });
      await app.signOut(request, reply);
      return reply.status(204).send(null);
    },
  );
};
