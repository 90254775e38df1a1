import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { pruneKeys } from '../core/idempotency.queries';
import { pruneEvents, prunePayloads } from './realtime/events.queries';

declare module './jobs' {
  interface JobPayloads {
    /** Deletes what is kept only for a while; runs about once an hour. */
    'retention.prune': Record<string, never>;
  }
}

const HOUR = 3600;
/** How far back a reconnecting client can replay; older gaps read their state again over HTTP. */
export const REPLAY_WINDOW_MS = 3 * 24 * HOUR * 1000;
/** How long a retried create finds its first answer under the same Idempotency-Key. */
export const IDEMPOTENCY_WINDOW_MS = 24 * HOUR * 1000;
/** Rows deleted per statement: a prune never holds a table (or PGlite's one connection) long. */
const BATCH = 5000;

/** Deletes in batches until a batch comes back short; returns the total. */
async function inBatches(prune: (limit: number) => Promise<number>) {
  let total = 0;
  for (;;) {
    const deleted = await prune(BATCH);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

/**
 * Realtime events and idempotency keys are only useful for a while: a job prunes them every
 * hour. It enqueues its own next run; each process (re)starts the chain at start-up, and the
 * one-per-hour window keeps it single across processes and restarts.
 */
export const retentionPlugin = fp(
  async (app: FastifyInstance) => {
    const next = () => app.jobs.enqueue(app.db, 'retention.prune', {}, { oncePerSeconds: HOUR });

    app.jobs.work('retention.prune', async () => {
      const at = Date.now();
      const events = await inBatches((limit) => pruneEvents(app.db, new Date(at - REPLAY_WINDOW_MS), limit));
      const payloads = await inBatches((limit) => prunePayloads(app.db, new Date(at - REPLAY_WINDOW_MS), limit));
      const keys = await inBatches((limit) => pruneKeys(app.db, new Date(at - IDEMPOTENCY_WINDOW_MS), limit));
      app.log.info({ events, payloads, keys }, 'retention: pruned');
      await next();
    });
    app.addHook('onReady', async () => {
      await next();
    });
  },
  { name: 'retention', dependencies: ['db', 'jobs'] },
);
