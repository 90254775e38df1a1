import {
  ErrorBodySchema,
  NotificationSettingsSchema,
  NotificationSettingsUpdateSchema,
  SpaceMailModeUpdateSchema,
  SpaceSlugParamsSchema,
  UnsubscribeResultSchema,
  UnsubscribeUndoSchema,
} from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signedIn } from '../../core/http';
import { actorFrom } from '../../policy/policy';
import { getNotificationSettings, setSpaceNotificationMode, updateNotificationSettings } from './mail-settings.service';
import { resubscribe, unsubscribe } from './unsubscribe';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
/** A token is a few dozen URL-safe characters; anything longer is not one of ours. */
const TokenParamsSchema = z.object({ token: z.string().min(1).max(300) });

/** One's mail settings, and leaving a list from a mail without signing in. */
export const mailSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/notification-settings',
    {
      ...signedIn,
      schema: {
        tags: ['mail'],
        summary: 'What one receives by mail: mentions, replies, event reminders, and a mode per space',
        response: { 200: NotificationSettingsSchema, ...errors },
      },
    },
    async (request) => getNotificationSettings(app.db, actorFrom(request.auth)),
  );

  app.put(
    '/me/notification-settings',
    {
      ...signedIn,
      config: { quota: 'edit' },
      schema: {
        tags: ['mail'],
        summary: 'Mails for mentions, replies and event reminders: each, or off',
        body: NotificationSettingsUpdateSchema,
        response: { 200: NotificationSettingsSchema, ...errors },
      },
    },
    async (request) => updateNotificationSettings(app.db, { actor: actorFrom(request.auth), changes: request.body }),
  );

  app.put(
    '/me/notification-settings/spaces/:slug',
    {
      ...signedIn,
      config: { quota: 'edit' },
      schema: {
        tags: ['mail'],
        summary: 'Mails of one of one’s spaces: each new message, a daily or weekly digest, or nothing',
        params: SpaceSlugParamsSchema,
        body: SpaceMailModeUpdateSchema,
        response: { 200: NotificationSettingsSchema, ...errors },
      },
    },
    async (request) =>
      setSpaceNotificationMode(app.db, {
        actor: actorFrom(request.auth),
        slug: request.params.slug,
        mode: request.body.mode,
      }),
  );

  // RFC 8058: mail clients post `List-Unsubscribe=One-Click` as a form; the body says nothing
  // the token does not, so any body is accepted and ignored.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, _body, done) =>
    done(null, undefined),
  );

  app.post(
    '/unsubscribe/:token',
    {
      config: { quota: 'unsubscribe' },
      schema: {
        tags: ['mail'],
        summary: 'One-click unsubscribe (RFC 8058): the list the token names is off, no session needed',
        params: TokenParamsSchema,
        response: { 200: UnsubscribeResultSchema, ...errors },
      },
    },
    async (request) => unsubscribe(app.db, request.params.token),
  );

  app.post(
    '/unsubscribe/:token/undo',
    {
      config: { quota: 'unsubscribe' },
      schema: {
        tags: ['mail'],
        summary: 'Undo from the landing page: the list gets back the mode given',
        params: TokenParamsSchema,
        body: UnsubscribeUndoSchema,
        response: { 200: UnsubscribeResultSchema, ...errors },
      },
    },
    async (request) => resubscribe(app.db, request.params.token, request.body.mode),
  );
};
