import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { pruneKeys } from '../core/idempotency.queries';
import { pruneAuthTokens, pruneOutbox, pruneSessions } from '../core/retention.queries';
import { pruneEvents, prunePayloads } from './realtime/events.queries';

declare module './jobs' {
  interface JobPayloads {
    /** Deletes what is kept only for a while; runs about once an hour. */
    'retention.prune': Record<string, never>;
  }
}

/**
 * A feature's own pruning, run by the same hourly job (expired data exports, whose ZIPs live
 * in the file storage that only the feature knows), at most `limit` at a time: the job calls it
 * again while it removes as many. Returns how many things went.
 */
export type Prune = (now: Date, limit: number) => Promise<number>;

declare module 'fastify' {
  interface FastifyInstance {
    retention: {
      /** Adds a prune to the hourly job; register before the app is ready. */
      register(name: string, prune: Prune): void;
    };
  }
}

const HOUR = 3600;
const DAY_MS = 24 * HOUR * 1000;
/** How far back a reconnecting client can replay; older gaps read their state again over HTTP. */
export const REPLAY_WINDOW_MS = 3 * 24 * HOUR * 1000;
/** How long a retried create finds its first answer under the same Idempotency-Key. */
export const IDEMPOTENCY_WINDOW_MS = 24 * HOUR * 1000;
/** Mail sent or kept (the development mailbox) is deleted after 30 days … */
export const OUTBOX_SENT_WINDOW_MS = 30 * DAY_MS;
/** … and mail that failed for good after 90, long enough to look into a delivery problem. */
export const OUTBOX_FAILED_WINDOW_MS = 90 * DAY_MS;
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
 * Realtime events, idempotency keys, delivered mail, expired sessions, used or expired mailed
 * links — and what features register (`app.retention.register`) — are only useful for a
 * while: a job prunes them every hour. What the privacy page (`/confidentialite`) promises
 * rests on these windows. It enqueues its own next run; each process (re)starts the chain at start-up, and the
 * one-per-hour window keeps it single across processes and restarts.
 */
export const retentionPlugin = fp(
  async (app: FastifyInstance, options: { sessionIdleMs: number }) => {
    const prunes = new Map<string, Prune>();
    app.decorate('retention', {
      register(name: string, prune: Prune) {
        prunes.set(name, prune);
      },
    });
    const next = () => app.jobs.enqueue(app.db, 'retention.prune', {}, { oncePerSeconds: HOUR });

    app.jobs.work('retention.prune', async () => {
      const at = Date.now();
      const events = await inBatches((limit) => pruneEvents(app.db, new Date(at - REPLAY_WINDOW_MS), limit));
      const payloads = await inBatches((limit) => prunePayloads(app.db, new Date(at - REPLAY_WINDOW_MS), limit));
      const keys = await inBatches((limit) => pruneKeys(app.db, new Date(at - IDEMPOTENCY_WINDOW_MS), limit));
      const now = new Date(at);
      const mails = await inBatches((limit) =>
        pruneOutbox(
          app.db,
          { sentBefore: new Date(at - OUTBOX_SENT_WINDOW_MS), failedBefore: new Date(at - OUTBOX_FAILED_WINDOW_MS) },
          limit,
        ),
      );
      const sessions = await inBatches((limit) => pruneSessions(app.db, now, options.sessionIdleMs, limit));
      const links = await inBatches((limit) => pruneAuthTokens(app.db, now, limit));
      const others: Record<string, number> = {};
      for (const [name, prune] of prunes) others[name] = await inBatches((limit) => prune(now, limit));
      app.log.info({ events, payloads, keys, mails, sessions, links, ...others }, 'retention: pruned');
      await next();
    });
    app.addHook('onReady', async () => {
      await next();
    });
  },
  { name: 'retention', dependencies: ['db', 'jobs'] },
);
