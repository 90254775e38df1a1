import { AVATAR_MAX_BYTES, AvatarQuerySchema, IdParamsSchema, UserEnvelopeSchema } from '@atelier/contract';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { errorResponses, errorResponsesWith, signedIn } from '../../core/http';
import { requireAuth } from '../../plugins/auth';
import { actorFrom } from '../../policy/policy';
import { createFileStorage } from '../resources/file-storage';
import { receiveUpload, uploadLimits, uploadTmpDir } from '../resources/upload';
import { toUser } from './accounts.service';
import { PICTURE_TYPE } from './avatar-image';
import { type AvatarsDeps, openAvatar, removeAvatar, setAvatar } from './avatars.service';

const tags = ['accounts'];

/** Profile pictures: one's own to set or remove, anyone's to see where their name is shown. */
export const avatarsRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const tmpDir = uploadTmpDir(config.dataDir);
  const { storage, close } = createFileStorage(config);
  app.addHook('onClose', async () => close());
  const deps: AvatarsDeps = { db: app.db, storage, log: app.log };

  // Registered here, not app-wide: only the upload route accepts multipart bodies.
  await app.register(multipart, { limits: uploadLimits(AVATAR_MAX_BYTES), throwFileSizeLimit: true });

  app.put(
    '/me/avatar',
    {
      config: { quota: 'upload' },
      ...signedIn,
      schema: {
        tags,
        summary:
          'Set my profile picture: multipart/form-data, one part named "file", a PNG, JPEG, WebP or GIF of at most 5 MiB, stored as a 256 px WebP',
        response: { 200: UserEnvelopeSchema, ...errorResponsesWith(413, 415, 429) },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const user = await setAvatar(deps, {
        userId: auth.user.id,
        receive: () => receiveUpload(request, { tmpDir, maxBytes: AVATAR_MAX_BYTES }),
      });
      return { user: await toUser(app.db, user) };
    },
  );

  app.delete(
    '/me/avatar',
    {
      config: { quota: 'edit' },
      ...signedIn,
      schema: {
        tags,
        summary: 'Remove my profile picture (the initials show again)',
        response: { 200: UserEnvelopeSchema, ...errorResponsesWith(429) },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      return { user: await toUser(app.db, await removeAvatar(deps, auth.user.id)) };
    },
  );

  app.get(
    '/users/:id/avatar',
    {
      schema: {
        tags,
        summary:
          "A person's profile picture (WebP, 256 px), for whoever may see their name beside it; 404 when there is none",
        params: IdParamsSchema,
        querystring: AvatarQuerySchema,
        // A stream skips serialisation: the schema only documents the answer.
        response: { 200: z.any().describe('the WebP image'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { stream, version } = await openAvatar(deps, {
        actor: actorFrom(request.auth),
        userId: request.params.id,
      });
      // The URL of the current version (`avatarUrl`) names this picture for good: kept for a
      // year. `private`: who may see it depends on the session, so no shared cache keeps it.
      const immutable = request.query.v === version;
      return reply
        .header('content-type', PICTURE_TYPE)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', immutable ? 'private, max-age=31536000, immutable' : 'private, no-cache')
        .send(stream);
    },
  );
};
