import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Config } from '../config';
import { AppError } from '../errors';

/**
 * Prometheus metrics at /metrics: process metrics and request durations by route. Open in
 * development; in production only with `Authorization: Bearer $METRICS_TOKEN`, and absent
 * (404) when no token is configured.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const { production, metricsToken } = options.config;
    if (production && !metricsToken) return;

    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });

    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });

    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      if (production && request.headers.authorization !== `Bearer ${metricsToken}`) {
        throw new AppError('forbidden', 'metrics need the operator token');
      }
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'metrics' },
);
