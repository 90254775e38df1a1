import {
  LOGO_MAX_BYTES,
  LogoQuerySchema,
  OrganisationDetailSchema,
  OrganisationSlugParamsSchema,
} from '@atelier/contract';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { errorResponses, errorResponsesWith, signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { PICTURE_TYPE } from '../accounts/avatar-image';
import { createFileStorage } from '../resources/file-storage';
import { receiveUpload, uploadLimits, uploadTmpDir } from '../resources/upload';
import { type OrganisationLogosDeps, openLogo, removeLogo, setLogo } from './organisation-logos.service';
import { createOrganisationsMailer } from './organisations.mail';

const tags = ['organisations'];

/** Organisations' logos: set and removed by admins and referents, seen by anyone with the page. */
export const organisationLogosRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const tmpDir = uploadTmpDir(config.dataDir);
  const { storage, close } = createFileStorage(config);
  app.addHook('onClose', async () => close());
  const deps: OrganisationLogosDeps = {
    db: app.db,
    mailer: createOrganisationsMailer(app.mail, config.publicUrl),
    storage,
    log: app.log,
  };

  // Registered here, not app-wide: only the upload route accepts multipart bodies.
  await app.register(multipart, { limits: uploadLimits(LOGO_MAX_BYTES), throwFileSizeLimit: true });

  app.put(
    '/organisations/:slug/logo',
    {
      config: { quota: 'organisation' },
      ...signedIn,
      schema: {
        tags,
        summary:
          'Set an organisation\'s logo (admins and its referents): multipart/form-data, one part named "file", a PNG, JPEG, WebP or GIF of at most 5 MiB, stored as a 256 px WebP, never cropped',
        params: OrganisationSlugParamsSchema,
        response: { 200: OrganisationDetailSchema, ...errorResponsesWith(413, 415, 429) },
      },
    },
    async (request) =>
      setLogo(deps, {
        actor: actorFrom(request.auth),
        slug: request.params.slug,
        receive: () => receiveUpload(request, { tmpDir, maxBytes: LOGO_MAX_BYTES }),
      }),
  );

  app.delete(
    '/organisations/:slug/logo',
    {
      config: { quota: 'organisation' },
      ...signedIn,
      schema: {
        tags,
        summary: "Remove an organisation's logo (admins and its referents)",
        params: OrganisationSlugParamsSchema,
        response: { 200: OrganisationDetailSchema, ...errorResponsesWith(429) },
      },
    },
    async (request) => removeLogo(deps, { actor: actorFrom(request.auth), slug: request.params.slug }),
  );

  app.get(
    '/organisations/:slug/logo',
    {
      schema: {
        tags,
        summary: "An organisation's logo (WebP, 256 px), public as its page is; 404 when it has none",
        params: OrganisationSlugParamsSchema,
        querystring: LogoQuerySchema,
        // A stream skips serialisation: the schema only documents the answer.
        response: { 200: z.any().describe('the WebP image'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { stream, version } = await openLogo(deps, {
        actor: actorFrom(request.auth),
        slug: request.params.slug,
      });
      // The URL of the current version (`logoUrl`) names this logo for good: kept for a year,
      // by shared caches too, since the page it belongs to is public.
      const immutable = request.query.v === version;
      return reply
        .header('content-type', PICTURE_TYPE)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, no-cache')
        .send(stream);
    },
  );
};
