import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import type { UserRow } from '../db/schema';
import { AppError, unauthenticated } from '../errors';
import { decideTokenRequest } from '../policy/tokens.policy';
import { findApiToken } from './auth/api-tokens.queries';
import { createSession, deleteSession, findSession } from './auth/sessions.queries';

export interface Auth {
  user: UserRow;
  /** The cookie session the request rides on; null when it comes with an API token. */
  session: { id: string; csrfToken: string } | null;
  /** The personal API token (`Authorization: Bearer …`) the request rides on; null with a cookie. */
  token: { id: string; scopes: Array<'read' | 'write'> } | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
  }
  interface FastifyInstance {
    /** Starts a fresh session (a new token at every sign-in) and sets its cookie. */
    signIn(request: FastifyRequest, reply: FastifyReply, userId: string): Promise<{ csrfToken: string }>;
    signOut(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const sessionCookieName = (production: boolean) => (production ? '__Host-atelier_session' : 'atelier_session');

function sameSecret(a: string, b: string) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The signed-in user, or a 401 for routes that need one. */
export function requireAuth(request: FastifyRequest): Auth {
  if (!request.auth) throw unauthenticated();
  return request.auth;
}

/** The signed-in user of a cookie session: account-level routes, which no API token reaches. */
export function requireSession(request: FastifyRequest): Auth & { session: NonNullable<Auth['session']> } {
  const auth = requireAuth(request);
  if (!auth.session) throw tokenNotAllowed();
  return { ...auth, session: auth.session };
}

const tokenNotAllowed = () => new AppError('token_not_allowed', 'an API token cannot act on the account itself');

/**
 * `Authorization: Bearer …` on `/api`: the token's owner, narrowed to its scopes. No CSRF
 * check: a browser never adds this header by itself, so a cross-site page cannot ride on it.
 */
async function bearerAuth(app: FastifyInstance, request: FastifyRequest, route: string, secret: string) {
  const found = secret.length <= 128 ? await findApiToken(app.db, secret) : null;
  if (!found) throw new AppError('token_invalid', 'unknown or revoked API token');
  // Decided by the policy, like everything the token's owner then asks for.
  const decision = decideTokenRequest(found.token.scopes, request.method, route);
  if (decision === 'account_level') throw tokenNotAllowed();
  if (decision === 'read_only') throw new AppError('token_scope', 'this API token may only read (GET, HEAD)');
  return { user: found.user, session: null, token: found.token } satisfies Auth;
}

/**
 * Cookie sessions and personal API tokens. Resolves `request.auth` from an `Authorization:
 * Bearer` token on `/api` (see bearerAuth), else from the cookie, then enforces the CSRF token
 * on every state-changing request that rides on that cookie: a cross-site form can make the
 * browser send the cookie, but it cannot read the token that `GET /api/me` returns.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const { config } = options;
    const cookieName = sessionCookieName(config.production);
    const cookieOptions = {
      path: '/',
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: config.production,
      maxAge: Math.floor(config.session.absoluteMs / 1000),
    };
    // A browser drops a `__Host-` cookie only when the clearing Set-Cookie is Secure too.
    const clearOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: config.production };

    app.decorateRequest('auth', null);

    app.addHook('onRequest', async (request, reply) => {
      const authorization = request.headers.authorization;
      const route = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
      if (authorization !== undefined && route.startsWith('/api/')) {
        const bearer = /^Bearer ([A-Za-z0-9_-]+)$/.exec(authorization);
        if (!bearer?.[1]) throw new AppError('token_invalid', 'expected Authorization: Bearer <token>');
        // The token alone speaks for the request: a cookie sent beside it is ignored.
        request.auth = await bearerAuth(app, request, route, bearer[1]);
        return;
      }
      const token = request.cookies[cookieName];
      if (!token) return;
      const found = token.length <= 128 ? await findSession(app.db, token, config.session) : null;
      if (!found) {
        reply.clearCookie(cookieName, clearOptions);
        return;
      }
      request.auth = { ...found, token: null };
      if (STATE_CHANGING.has(request.method)) {
        const header = request.headers['x-csrf-token'];
        if (typeof header !== 'string' || !sameSecret(header, found.session.csrfToken)) {
          throw new AppError('csrf_failed', 'missing or wrong x-csrf-token header');
        }
      }
    });

    /** Ends the request's session; its open sockets and collab connections go with it. */
    const endSession = async (request: FastifyRequest) => {
      if (!request.auth?.session) return;
      await deleteSession(app.db, request.auth.session.id);
      await app.access.changed({ scope: 'user', userId: request.auth.user.id });
    };

    app.decorate('signIn', async (request: FastifyRequest, reply: FastifyReply, userId: string) => {
      await endSession(request);
      const { token, csrfToken } = await createSession(app.db, userId, request.headers['user-agent'], config.session);
      reply.setCookie(cookieName, token, cookieOptions);
      return { csrfToken };
    });

    app.decorate('signOut', async (request: FastifyRequest, reply: FastifyReply) => {
      await endSession(request);
      reply.clearCookie(cookieName, clearOptions);
    });
  },
  { name: 'auth', dependencies: ['db', '@fastify/cookie', 'access'] },
);
