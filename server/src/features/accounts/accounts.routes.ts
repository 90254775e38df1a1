import {
  AcceptedSchema,
  ErrorBodySchema,
  LoginBodySchema,
  MailLinkRequestSchema,
  MailLinkVerifySchema,
  type OidcProvider,
  PasswordChangeSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  ProfileUpdateSchema,
  RegisterBodySchema,
  SessionBodySchema,
  SessionProbeSchema,
  UserEnvelopeSchema,
} from '@atelier/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { UserRow } from '../../db/schema';
import { requireAuth, requireSession } from '../../plugins/auth';
import { createAccountsMailer } from './accounts.mail';
import * as accounts from './accounts.service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 429: ErrorBodySchema };

export const accountsRoutes: FastifyPluginAsyncZod<{
  publicUrl: string;
  /** The OpenID Connect provider the sign-in page offers, when one is configured (features/oidc). */
  oidc?: OidcProvider | null;
}> = async (app, options) => {
  const oidc = options.oidc ?? null;
  const deps: accounts.AccountsDeps = {
    db: app.db,
    mailer: createAccountsMailer(app.mail, options.publicUrl),
    jobs: app.jobs,
  };
  // Sign-in and reset mails leave from jobs: see requestMailLink.
  app.jobs.work('accounts.sign-in-link', (job) => accounts.sendSignInLink(deps, job.data.email));
  app.jobs.work('accounts.password-reset', (job) => accounts.sendPasswordReset(deps, job.data.email));
  // Signed-in routes answer 401 before looking at the body.
  const signedIn = { onRequest: async (request: FastifyRequest) => void requireAuth(request) };

  /** Opens a fresh session for the user and answers with the contract's session body. */
  const startSession = async (request: FastifyRequest, reply: FastifyReply, user: UserRow) => {
    const { csrfToken } = await app.signIn(request, reply, user.id);
    return { user: await accounts.toUser(app.db, user), csrfToken };
  };

  app.post(
    '/auth/register',
    {
      config: { quota: 'signUp' },
      schema: {
        tags: ['accounts'],
        summary: 'Create an account (the charter must be accepted) and sign in',
        body: RegisterBodySchema,
        response: { 201: SessionBodySchema, 409: ErrorBodySchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = await accounts.register(deps, request.body);
      reply.status(201);
      return startSession(request, reply, user);
    },
  );

  app.post(
    '/auth/login',
    {
      config: { quota: 'signIn' },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with email and password',
        body: LoginBodySchema,
        response: { 200: SessionBodySchema, ...errors },
      },
    },
    async (request, reply) => startSession(request, reply, await accounts.login(deps, request.body)),
  );

  app.post(
    '/auth/logout',
    {
      schema: { tags: ['accounts'], summary: 'Sign out (revokes the session)', response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await app.signOut(request, reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/mail-link',
    {
      config: { quota: 'mailLink' },
      schema: {
        tags: ['accounts'],
        summary: 'Mail a one-time sign-in link and code (answers the same whether the account exists)',
        body: MailLinkRequestSchema,
        response: { 202: AcceptedSchema, ...errors },
      },
    },
    async (request, reply) => {
      await accounts.requestMailLink(deps, request.body.email);
      reply.status(202);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/mail-link/verify',
    {
      config: { quota: 'mailLinkVerify' },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with the mailed link token, or with the email and its 6-digit code',
        body: MailLinkVerifySchema,
        response: { 200: SessionBodySchema, ...errors },
      },
    },
    async (request, reply) => startSession(request, reply, await accounts.verifyMailLink(deps, request.body)),
  );

  app.post(
    '/auth/password-reset',
    {
      config: { quota: 'passwordReset' },
      schema: {
        tags: ['accounts'],
        summary: 'Mail a password reset link (answers the same whether the account exists)',
        body: PasswordResetRequestSchema,
        response: { 202: AcceptedSchema, ...errors },
      },
    },
    async (request, reply) => {
      await accounts.requestPasswordReset(deps, request.body.email);
      reply.status(202);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { quota: 'passwordResetConfirm' },
      schema: {
        tags: ['accounts'],
        summary: 'Set a new password with a reset link token; signs out every other session',
        body: PasswordResetConfirmSchema,
        response: { 200: SessionBodySchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = await accounts.confirmPasswordReset(deps, request.body);
      await app.access.changed({ scope: 'user', userId: user.id });
      return startSession(request, reply, user);
    },
  );

  app.get(
    '/session',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Who is signed in: the person and the CSRF token, or nulls for an anonymous visitor (never 401)',
        response: { 200: SessionProbeSchema, ...errors },
      },
    },
    async (request) => {
      if (!request.auth) return { user: null, csrfToken: null, oidc };
      return {
        user: await accounts.toUser(app.db, request.auth.user),
        csrfToken: request.auth.session?.csrfToken ?? null,
        oidc,
      };
    },
  );

  app.get(
    '/me',
    {
      ...signedIn,
      schema: {
        tags: ['accounts'],
        summary: 'The signed-in person and the CSRF token for state-changing requests',
        response: { 200: SessionBodySchema, ...errors },
      },
    },
    async (request) => {
      const auth = requireSession(request);
      return { user: await accounts.toUser(app.db, auth.user), csrfToken: auth.session.csrfToken };
    },
  );

  app.patch(
    '/me',
    {
      config: { quota: 'edit' },
      ...signedIn,
      schema: {
        tags: ['accounts'],
        summary: 'Update my profile',
        body: ProfileUpdateSchema,
        response: { 200: UserEnvelopeSchema, ...errors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const user = await accounts.updateProfile(deps, auth.user.id, request.body);
      return { user: await accounts.toUser(app.db, user) };
    },
  );

  app.post(
    '/me/password',
    {
      config: { quota: 'passwordChange' },
      ...signedIn,
      schema: {
        tags: ['accounts'],
        summary: 'Change my password; every other session is signed out',
        body: PasswordChangeSchema,
        response: { 200: SessionBodySchema, ...errors },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await accounts.changePassword(deps, auth.user, request.body);
      await app.access.changed({ scope: 'user', userId: auth.user.id });
      request.auth = null; // its session was just revoked with the others
      return startSession(request, reply, auth.user);
    },
  );
};
