import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import PgBoss from 'pg-boss';
import type { Db } from '../db/database';
import { bossExecutor } from './jobs/boss-executor';
import { QueueWorker } from './jobs/queue-worker';
import { lockAndFindWaiting } from './jobs/singleton.queries';

/**
 * Every job's name and payload. Features add theirs by module augmentation, next to the code
 * that handles them:
 *
 *   declare module '../plugins/jobs' { interface JobPayloads { 'mail.send': { outboxId: string } } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each feature
export interface JobPayloads {}
export type JobName = keyof JobPayloads & string;

export interface JobContext<N extends JobName> {
  id: string;
  name: N;
  data: JobPayloads[N];
  /** 1 for the first run, 2 for the first retry … */
  attempt: number;
  maxAttempts: number;
}
export type JobHandler<N extends JobName> = (job: JobContext<N>) => Promise<void>;

/** A queue's policy, set by the code that handles it. */
export interface QueuePolicy {
  /** Total runs before the job is marked failed (default 3). */
  attempts?: number;
  /** Delay before the first retry; doubled (with jitter) for each further one (default 10). */
  retryDelaySeconds?: number;
  /** A run still active after this long is presumed dead (crash) and retried (default 900). */
  expireInSeconds?: number;
}

export interface EnqueueOptions {
  /** Run no earlier than this instant, or this many seconds from now. */
  startAfter?: Date | number;
  /**
   * At most one waiting job per key in this queue: a duplicate is dropped (enqueue → null).
   * pg-boss drops duplicates only in queues of other policies than ours (`standard`), so the
   * check is made here, under a transaction-scoped lock on the key.
   */
  singletonKey?: string;
  /**
   * At most one job of this queue per window of this many seconds (aligned on the clock). When
   * the current window already has one, the job goes to the start of the next window, or is
   * dropped (→ null) if that one has one too: a chain of periodic jobs that any process may
   * restart without doubling it.
   */
  oncePerSeconds?: number;
  priority?: number;
}

export interface Jobs {
  /**
   * Creates a job through `executor`: pass the caller's transaction and the job exists exactly
   * when that transaction commits. Returns the job id (null when `singletonKey` dropped it).
   */
  enqueue<N extends JobName>(
    executor: Db,
    name: N,
    data: JobPayloads[N],
    options?: EnqueueOptions,
  ): Promise<string | null>;
  /** Declares the queue and its handler; call before the app is ready. */
  work<N extends JobName>(name: N, handler: JobHandler<N>, policy?: QueuePolicy): void;
}

/** Process-level knobs, injected through buildApp (tests and worker-less processes). */
export interface JobsOptions {
  /** false: this process enqueues but never runs jobs (default true). */
  workers?: boolean;
  /** How often an idle queue is polled (default 2 s; pg-boss accepts 0.5 s at least). */
  pollingIntervalSeconds?: number;
  /** Overrides every queue's base retry delay, so that tests see retries in test time. */
  retryDelaySeconds?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: Jobs;
  }
}

/** A job delayed by nothing (no delay, 0 seconds, or a moment already past) is due at once. */
const isDueNow = (startAfter: Date | number | undefined) =>
  startAfter === undefined || (typeof startAfter === 'number' ? startAfter <= 0 : startAfter.getTime() <= Date.now());

/**
 * Durable jobs on pg-boss, in the application's own database. pg-boss never opens a connection
 * of its own: every statement goes through Kysely, so on embedded PGlite the job queries take
 * their turn on the one connection like any request, and `enqueue` can join the caller's
 * transaction. The fetch/complete loop is ours (see QueueWorker) so that closing the app waits
 * for the job in hand and its completion before the database goes away.
 */
export const jobsPlugin = fp(
  async (app: FastifyInstance, options: JobsOptions) => {
    const runWorkers = options.workers ?? true;
    const pollingMs = (options.pollingIntervalSeconds ?? 2) * 1000;
    const boss = new PgBoss({
      db: bossExecutor(app.db),
      // Cron needs a timekeeper polling every few seconds; nothing uses it yet.
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: 120,
    });
    boss.on('error', (error) => app.log.error({ err: error }, 'job queue maintenance failed'));

    const queues = new Map<JobName, { handler: JobHandler<JobName>; policy: QueuePolicy }>();
    const workers = new Map<JobName, QueueWorker>();
    let started = false;

    const jobs: Jobs = {
      async enqueue(executor, name, data, enqueueOptions = {}) {
        if (!started) throw new Error(`jobs: enqueue('${name}') while the queue is stopped`);
        if (!queues.has(name)) throw new Error(`jobs: no handler declared for '${name}'`);
        const { startAfter, singletonKey, oncePerSeconds, priority } = enqueueOptions;
        const send = (db: Db) =>
          boss.send(name, data as object, {
            db: bossExecutor(db),
            ...(startAfter === undefined ? {} : { startAfter }),
            ...(singletonKey === undefined ? {} : { singletonKey }),
            ...(oncePerSeconds === undefined ? {} : { singletonSeconds: oncePerSeconds, singletonNextSlot: true }),
            ...(priority === undefined ? {} : { priority }),
          });
        const sendOnce = async (trx: Db) =>
          (await lockAndFindWaiting(trx, name, singletonKey as string)) ? null : send(trx);
        const id =
          singletonKey === undefined || oncePerSeconds !== undefined
            ? await send(executor)
            : executor.isTransaction
              ? await sendOnce(executor)
              : await executor.transaction().execute(sendOnce);
        // A local worker looks at once instead of at its next poll. Inside a transaction the
        // job may not be visible yet; the regular poll then picks it up.
        if (id && isDueNow(startAfter)) workers.get(name)?.notify();
        return id;
      },
      work(name, handler, policy = {}) {
        if (started) throw new Error(`jobs: work('${name}') after the app is ready`);
        if (queues.has(name)) throw new Error(`jobs: '${name}' already has a handler`);
        queues.set(name, { handler: handler as unknown as JobHandler<JobName>, policy });
      },
    };
    app.decorate('jobs', jobs);

    app.addHook('onReady', async () => {
      // Installs or migrates pg-boss's own schema (`pgboss`), under its advisory lock.
      await boss.start();
      for (const [name, { policy }] of queues) {
        const settings = {
          retryLimit: Math.max(0, (policy.attempts ?? 3) - 1),
          retryDelay: options.retryDelaySeconds ?? policy.retryDelaySeconds ?? 10,
          retryBackoff: true,
          expireInSeconds: policy.expireInSeconds ?? 900,
        };
        // createQueue keeps an existing queue as it is; updateQueue applies today's policy.
        await boss.createQueue(name, { name, ...settings });
        await boss.updateQueue(name, { name, ...settings });
      }
      started = true;
      if (!runWorkers) return;
      for (const [name, { handler }] of queues) {
        const worker = new QueueWorker({ boss, name, handler, pollingMs, log: app.log });
        workers.set(name, worker);
        worker.start();
      }
    });

    app.addHook('onClose', async () => {
      // The job in hand finishes first, and may queue its next run: the database is still open.
      await Promise.all([...workers.values()].map((worker) => worker.stop()));
      workers.clear();
      started = false;
      await boss.stop({ graceful: true, wait: true, close: false, timeout: 1000 });
    });
  },
  { name: 'jobs', dependencies: ['db'] },
);
