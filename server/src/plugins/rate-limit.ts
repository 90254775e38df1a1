import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { Config } from '../config';
import { AppError } from '../errors';

declare module 'fastify' {
  interface FastifyInstance {
    /** Pre-handlers for the sensitive account routes: one counts per IP, one per account. */
    authLimits: preHandlerAsyncHookHandler[];
  }
}

const accountKey = (request: FastifyRequest) => {
  const body = request.body as { email?: unknown } | undefined;
  const email = typeof body?.email === 'string' ? body.email.toLowerCase() : '';
  // Requests without an email (link tokens) count against the IP only.
  return email ? `auth-account:${email}` : `auth-account-ip:${request.ip}`;
};

/**
 * Rate limits on sign-in, sign-up, mail links and resets, counted in Redis when several
 * processes run (so a limit holds across them) and in memory otherwise. RATE_LIMITS=off
 * disables them for load tests.
 */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const { rateLimits, redisUrl } = options.config;
    if (!rateLimits.enabled) {
      app.decorate('authLimits', []);
      return;
    }
    const redis = redisUrl ? new Redis(redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1 }) : undefined;
    if (redis) app.addHook('onClose', async () => void redis.quit());

    await app.register(rateLimit, { global: false, redis, nameSpace: 'atelier-rate-' });
    const window = { timeWindow: rateLimits.windowMs };
    const limiters = [
      app.createRateLimit({ ...window, max: rateLimits.authPerIp, keyGenerator: (request) => `auth-ip:${request.ip}` }),
      app.createRateLimit({ ...window, max: rateLimits.authPerAccount, keyGenerator: accountKey }),
    ];
    // Both counters advance on every attempt, so spreading guesses over many accounts from one
    // IP, or over many IPs against one account, hits a limit either way.
    app.decorate('authLimits', [
      async (request: FastifyRequest, reply: FastifyReply) => {
        const results = await Promise.all(limiters.map((limit) => limit(request)));
        const exceeded = results.flatMap((result) => (!result.isAllowed && result.isExceeded ? [result] : []));
        if (exceeded.length === 0) return;
        const retryAfter = Math.max(...exceeded.map((result) => result.ttlInSeconds));
        reply.header('retry-after', retryAfter);
        throw new AppError('rate_limited', `too many attempts, try again in ${retryAfter} seconds`);
      },
    ]);
  },
  { name: 'rate-limit' },
);
