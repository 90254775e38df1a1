import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import type { UserRow } from '../db/schema';
import { AppError, unauthenticated } from '../errors';
import { createSession, deleteSession, findSession } from './auth/sessions.queries';

export interface Auth {
  user: UserRow;
  session: { id: string; csrfToken: string };
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

/**
 * Cookie sessions. Resolves `request.auth` from the cookie, then enforces the CSRF token on
 * every state-changing request that rides on that cookie: a cross-site form can make the
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
      const token = request.cookies[cookieName];
      if (!token) return;
      const found = token.length <= 128 ? await findSession(app.db, token, config.session) : null;
      if (!found) {
        reply.clearCookie(cookieName, clearOptions);
        return;
      }
      request.auth = found;
      if (STATE_CHANGING.has(request.method)) {
        const header = request.headers['x-csrf-token'];
        if (typeof header !== 'string' || !sameSecret(header, found.session.csrfToken)) {
          throw new AppError('csrf_failed', 'missing or wrong x-csrf-token header');
        }
      }
    });

    /** Ends the request's session; its open sockets and collab connections go with it. */
    const endSession = async (request: FastifyRequest) => {
      if (!request.auth) return;
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
