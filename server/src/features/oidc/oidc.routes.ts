import {
  CharterAcceptSchema,
  ErrorBodySchema,
  OidcCallbackQuerySchema,
  OidcStartQuerySchema,
  UserEnvelopeSchema,
} from '@atelier/contract';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { requireSession } from '../../plugins/auth';
import { actorFrom } from '../../policy/policy';
import { toUser } from '../accounts/accounts.service';
import {
  acceptCharter,
  createProviderClient,
  finishSignIn,
  OidcError,
  SIGN_IN_TTL_MS,
  startSignIn,
} from './oidc.service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema };
const redirect = { 302: z.null().describe('to the provider, or back to the site') };

/**
 * OpenID Connect sign-in (`/auth/oidc/*`) and the charter step that follows a first one
 * (`/me/charter`). The routes exist whatever the configuration, so that the route table is
 * the same everywhere; without a provider, `start` comes back to the sign-in page with
 * `oidc_unavailable`. Both GETs answer with redirects, errors included: they are browser
 * navigations, and the sign-in page shows the code in words.
 */
export const oidcRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const provider = config.oidc ? createProviderClient(config.oidc, { allowHttp: !config.production }) : undefined;
  // The sign-in's cookie rides the provider's redirect back to us, a cross-site navigation:
  // SameSite=Lax lets it through (Strict would not); it only names a server-side record.
  const cookieName = config.production ? '__Host-atelier_oidc' : 'atelier_oidc';
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.production };

  const backToSignIn = (reply: FastifyReply, error: unknown) => {
    if (!(error instanceof OidcError)) throw error;
    app.log.warn({ code: error.oidcCode, reason: error.message }, 'OpenID Connect sign-in refused');
    return reply.redirect(`/connexion?erreur=${error.oidcCode}`, 302);
  };

  app.get(
    '/auth/oidc/start',
    {
      config: { quota: 'oidcSignIn', quotaOnGet: true },
      schema: {
        tags: ['accounts'],
        summary: 'Start signing in with the OpenID Connect provider (302 to it); `returnTo` is a path of this site',
        querystring: OidcStartQuerySchema,
        response: { ...redirect, ...errors },
      },
    },
    async (request, reply) => {
      try {
        if (!provider) throw new OidcError('oidc_unavailable', 'no provider configured');
        const { cookie, location } = await startSignIn({ db: app.db, provider }, request.query);
        reply.setCookie(cookieName, cookie, { ...cookieOptions, maxAge: SIGN_IN_TTL_MS / 1000 });
        return reply.redirect(location, 302);
      } catch (error) {
        return backToSignIn(reply, error);
      }
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: { quota: 'oidcSignIn', quotaOnGet: true },
      schema: {
        tags: ['accounts'],
        summary:
          'Where the provider sends the browser back: opens the session, then 302 to the site (or to the charter)',
        querystring: OidcCallbackQuerySchema,
        response: { ...redirect, ...errors },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[cookieName];
      // Single use: the cookie goes whatever happens next.
      reply.clearCookie(cookieName, cookieOptions);
      try {
        if (!provider) throw new OidcError('oidc_unavailable', 'no provider configured');
        const search = new URL(request.url, 'http://atelier.invalid').search;
        const done = await finishSignIn({ db: app.db, provider }, { cookie, search, error: request.query.error });
        // The very session a password sign-in opens (plugins/auth.ts), cookie and all.
        await app.signIn(request, reply, done.user.id);
        if (!done.charterPending) return reply.redirect(done.returnTo, 302);
        const next = new URLSearchParams({ retour: done.returnTo });
        if (done.organisation) next.set('organisation', done.organisation.slug);
        return reply.redirect(`/charte?${next}`, 302);
      } catch (error) {
        return backToSignIn(reply, error);
      }
    },
  );

  app.post(
    '/me/charter',
    {
      config: { quota: 'edit' },
      onRequest: async (request) => void requireSession(request),
      schema: {
        tags: ['accounts'],
        summary: 'Adhere to the current charter (the step after a first sign-in through a provider)',
        body: CharterAcceptSchema,
        response: { 200: UserEnvelopeSchema, ...errors },
      },
    },
    async (request) => {
      const user = await acceptCharter(app.db, { actor: actorFrom(request.auth) });
      return { user: await toUser(app.db, user) };
    },
  );
};
