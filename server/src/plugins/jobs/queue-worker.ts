import type { FastifyBaseLogger } from 'fastify';
import type PgBoss from 'pg-boss';
import type { JobHandler, JobName, JobPayloads } from '../jobs';

const STOP_TIMEOUT_MS = 30_000;

interface QueueWorkerOptions {
  boss: PgBoss;
  name: JobName;
  handler: JobHandler<JobName>;
  pollingMs: number;
  log: FastifyBaseLogger;
}

/**
 * One queue's loop: fetch one job, run it, complete or fail it, fetch again at once while
 * there is work, otherwise sleep until the next poll or a local `notify`. pg-boss's own `work`
 * completes jobs without waiting and stops on a half-second timer; this loop awaits both, so
 * `stop` returns only when the job in hand is finished and recorded.
 */
export class QueueWorker {
  #stopping = false;
  #notified = false;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;

  constructor(private readonly options: QueueWorkerOptions) {}

  start() {
    this.#loop ??= this.#run();
  }

  /** Looks for work now rather than at the next poll. */
  notify() {
    this.#notified = true;
    this.#wake?.();
  }

  async stop() {
    this.#stopping = true;
    this.#wake?.();
    if (!this.#loop) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
    });
    // A job still running after the timeout stays active in the database; once it expires,
    // any process retries it.
    const outcome = await Promise.race([this.#loop, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') this.options.log.warn({ queue: this.options.name }, 'job still running at shutdown');
  }

  async #run() {
    while (!this.#stopping) {
      this.#notified = false;
      let found = false;
      try {
        found = await this.#runOne();
      } catch (error) {
        this.options.log.error({ err: error, queue: this.options.name }, 'job loop error');
      }
      if (!found && !this.#notified && !this.#stopping) await this.#sleep(this.options.pollingMs);
    }
  }

  async #runOne(): Promise<boolean> {
    const { boss, name, handler, log } = this.options;
    const [job] = await boss.fetch<JobPayloads[JobName]>(name, { batchSize: 1, includeMetadata: true });
    if (!job) return false;
    const context = {
      id: job.id,
      name,
      data: job.data,
      attempt: job.retryCount + 1,
      maxAttempts: job.retryLimit + 1,
    };
    try {
      await handler(context);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ err: error, queue: name, jobId: job.id, attempt: context.attempt }, 'job failed');
      await boss.fail(name, job.id, { message });
      return true;
    }
    await boss.complete(name, job.id);
    return true;
  }

  #sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.#wake = done;
    });
  }
}
