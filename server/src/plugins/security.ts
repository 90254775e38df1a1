import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { AppError } from '../errors';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers with a strict CSP (no inline script, no third party), and an Origin check:
 * a browser always names the page that sends a state-changing request, so one that names
 * another site is refused before any work is done.
 */
export const securityPlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const publicOrigin = new URL(options.config.publicUrl).origin;

    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: options.config.production ? [] : null,
        },
      },
      hsts: options.config.production,
      crossOriginEmbedderPolicy: false,
    });

    app.addHook('onRequest', async (request) => {
      if (!STATE_CHANGING.has(request.method)) return;
      const origin = request.headers.origin;
      if (request.headers['sec-fetch-site'] === 'cross-site') {
        throw new AppError('origin_forbidden', 'cross-site requests are not accepted');
      }
      if (origin === undefined) return;
      const own = `${request.protocol}://${request.host}`;
      if (origin !== publicOrigin && origin !== own) {
        throw new AppError('origin_forbidden', 'requests from this origin are not accepted');
      }
    });
  },
  { name: 'security' },
);
