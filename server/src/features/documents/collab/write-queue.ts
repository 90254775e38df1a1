/**
 * The durable side of live documents: every change applied in memory goes into a per-document
 * queue and is appended to `document_updates` by one writer per document, in order, with
 * group commit — while one batch is being written, the next accumulates, so a fast typist
 * costs a transaction per round trip to the database, not one per keystroke.
 *
 * Changes are numbered per document (1, 2, 3 … in the order they were applied); `storedSeq`
 * is the highest number committed. Whoever must not go ahead before a change is on disk (an
 * acknowledgement to a client, a restore) waits with `whenStored`. A failed write is logged
 * and retried with backoff, never dropped: what it held stays queued, and so do the waits.
 */

/** Writes one document's changes, in order, in one transaction (false: the document is gone). */
export type AppendUpdates = (documentId: string, updates: readonly Uint8Array[]) => Promise<boolean>;

interface Logger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface WriteQueueOptions {
  append: AppendUpdates;
  log: Logger;
  /** Delay before the first retry of a failed write; doubled each time up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/** At most this many changes (or bytes) per transaction, so that one write stays short. */
const MAX_BATCH_UPDATES = 2000;
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** Past this many failed attempts in a row, failures are logged as errors. */
const ATTEMPTS_BEFORE_ERROR = 3;

interface Waiter {
  seq: number;
  resolve(): void;
  reject(error: Error): void;
}

interface DocumentQueue {
  /** Changes applied but not yet committed; the first one has number `stored + 1`. */
  pending: Uint8Array[];
  /** Number of the last change queued. */
  last: number;
  /** Number of the last change committed. */
  stored: number;
  writing: Promise<void> | null;
  waiters: Waiter[];
}

export class WriteQueueStoppedError extends Error {
  constructor() {
    super('collab: the write queue was stopped before these changes were stored');
  }
}

export type WriteQueue = ReturnType<typeof createWriteQueue>;

export function createWriteQueue(options: WriteQueueOptions) {
  const { append, log } = options;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5000;
  const queues = new Map<string, DocumentQueue>();
  let stopped = false;
  /** Totals since start: transactions committed and changes they carried. */
  const totals = { batches: 0, updates: 0 };
  /** Wakes writers sleeping before a retry (on stop). */
  const sleepers = new Set<() => void>();

  const queueOf = (documentId: string): DocumentQueue => {
    let queue = queues.get(documentId);
    if (!queue) {
      queue = { pending: [], last: 0, stored: 0, writing: null, waiters: [] };
      queues.set(documentId, queue);
    }
    return queue;
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  function settleWaiters(queue: DocumentQueue) {
    const ready = queue.waiters.filter((waiter) => waiter.seq <= queue.stored);
    if (ready.length === 0) return;
    queue.waiters = queue.waiters.filter((waiter) => waiter.seq > queue.stored);
    for (const waiter of ready) waiter.resolve();
  }

  /** The one writer of a document: takes what accumulated, writes it, repeats. */
  async function write(documentId: string, queue: DocumentQueue): Promise<void> {
    let failures = 0;
    while (queue.pending.length > 0 && !stopped) {
      // One turn of the event loop first: messages already read from the sockets get applied
      // and join this batch. Without it a fast client's changes went out ~9 per transaction
      // on PGlite (whose queries run on this thread); with it, hundreds.
      await new Promise((resolve) => setImmediate(resolve));
      let count = 0;
      let bytes = 0;
      while (count < queue.pending.length && count < MAX_BATCH_UPDATES && bytes < MAX_BATCH_BYTES) {
        bytes += (queue.pending[count] as Uint8Array).byteLength;
        count += 1;
      }
      const batch = queue.pending.slice(0, count);
      try {
        const written = await append(documentId, batch);
        if (!written) log.error({ documentId, updates: count }, 'collab: document gone, changes not stored');
      } catch (error) {
        failures += 1;
        const delay = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** (failures - 1));
        const details = { err: error, documentId, updates: count, attempt: failures, retryInMs: delay };
        if (failures >= ATTEMPTS_BEFORE_ERROR) log.error(details, 'collab: storing changes failed, retrying');
        else log.warn(details, 'collab: storing changes failed, retrying');
        await sleep(delay);
        continue;
      }
      failures = 0;
      totals.batches += 1;
      totals.updates += count;
      queue.pending.splice(0, count);
      queue.stored += count;
      settleWaiters(queue);
    }
  }

  function pendingCount(): number {
    let count = 0;
    for (const queue of queues.values()) count += queue.pending.length;
    return count;
  }

  function startWriter(documentId: string, queue: DocumentQueue) {
    if (queue.writing || stopped) return;
    // The loop takes whatever is queued meanwhile; it ends with an empty queue (or a stop).
    queue.writing = write(documentId, queue).finally(() => {
      queue.writing = null;
    });
  }

  return {
    /** Queues a change applied to the live document; returns its number. Synchronous. */
    push(documentId: string, update: Uint8Array): number {
      const queue = queueOf(documentId);
      queue.pending.push(update);
      queue.last += 1;
      startWriter(documentId, queue);
      return queue.last;
    },

    /** Number of the last change queued for the document (0: none). */
    lastSeq(documentId: string): number {
      return queues.get(documentId)?.last ?? 0;
    },

    /** Number of the last change committed for the document. */
    storedSeq(documentId: string): number {
      return queues.get(documentId)?.stored ?? 0;
    },

    /**
     * Resolves once change `seq` (by default: every change queued so far) is committed;
     * rejects with WriteQueueStoppedError if the queue is stopped first.
     */
    whenStored(documentId: string, seq = queues.get(documentId)?.last ?? 0): Promise<void> {
      const queue = queues.get(documentId);
      if (!queue || seq <= queue.stored) return Promise.resolve();
      if (stopped) return Promise.reject(new WriteQueueStoppedError());
      return new Promise((resolve, reject) => queue.waiters.push({ seq, resolve, reject }));
    },

    /** Changes queued and not yet committed, over every document. */
    pendingCount,

    /** Transactions committed and changes they carried, since start (for logs and tests). */
    stats(): { batches: number; updates: number } {
      return { ...totals };
    },

    /**
     * Resolves once every change queued (including those queued meanwhile) is committed, or
     * at `deadline` (epoch ms), whichever comes first. Returns how many are still pending.
     */
    async drain(deadline: number): Promise<number> {
      for (;;) {
        const busy = [...queues.values()].filter((queue) => queue.pending.length > 0);
        const remaining = deadline - Date.now();
        if (busy.length === 0 || remaining <= 0 || stopped) return pendingCount();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.all(busy.map((queue) => queue.writing)),
          new Promise((resolve) => {
            timer = setTimeout(resolve, remaining);
          }),
        ]);
        clearTimeout(timer);
      }
    },

    /**
     * Forgets a document's queue once it unloaded, if idle (a busy one is kept and reused):
     * numbers start again at 1 the next time the document is loaded.
     */
    forget(documentId: string) {
      const queue = queues.get(documentId);
      if (queue && queue.pending.length === 0 && !queue.writing && queue.waiters.length === 0) {
        queues.delete(documentId);
      }
    },

    /**
     * Stops writing (shutdown, after `drain`): writers finish the batch in hand, retries stop,
     * and every wait still pending is rejected. What was not stored was never acknowledged.
     */
    stop() {
      stopped = true;
      for (const wake of [...sleepers]) wake();
      for (const queue of queues.values()) {
        for (const waiter of queue.waiters) waiter.reject(new WriteQueueStoppedError());
        queue.waiters = [];
      }
    },
  };
}
