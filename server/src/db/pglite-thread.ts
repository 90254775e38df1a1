import { Worker } from 'node:worker_threads';

/** How the database thread opens PGlite. */
export interface PGliteOptions {
  /** A directory, or undefined for an in-memory database (tests). */
  dataDir: string | undefined;
  /** A `dumpDataDir` tarball to start from instead of an empty cluster. */
  loadDataDir: ArrayBuffer | undefined;
}

type Command =
  | { kind: 'query'; sql: string; parameters: unknown[] }
  | { kind: 'exec'; sql: string }
  | { kind: 'dump' }
  | { kind: 'close' };
export type WorkerRequest = Command & { id: number };

export type WorkerReply =
  | { id: number; ok: true; rows?: unknown[]; affectedRows?: number | undefined; dump?: ArrayBuffer }
  | { id: number; ok: false; error: Record<string, unknown> };

export interface QueryOutcome {
  rows: unknown[];
  affectedRows: number | undefined;
}

/** The embedded database as the main thread sees it: every call crosses to its thread. */
export interface EmbeddedPostgres {
  /** One statement with parameters (extended protocol). */
  query(sql: string, parameters: readonly unknown[]): Promise<QueryOutcome>;
  /** A script without parameters (simple protocol: several statements allowed); the last result. */
  exec(sql: string): Promise<QueryOutcome>;
  dumpDataDir(): Promise<Blob>;
  close(): Promise<void>;
}

/**
 * The worker runs TypeScript like the rest of the server, imported through tsx's scoped
 * `tsImport`: only our files go through tsx, not PGlite's (with global hooks the thread took
 * about 1.5 times as long to start, measured).
 */
function bootstrap(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./pglite-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(worker)}, ${JSON.stringify(worker)}));`;
}

/** A PostgreSQL error from the thread, with its fields (code, detail, constraint…) back on it. */
function restoreError(fields: Record<string, unknown>): Error {
  const error = new Error(String(fields.message));
  Object.assign(error, fields);
  return error;
}

/**
 * Starts PGlite in its own thread and resolves once it is ready. If the thread dies, every
 * pending and later call fails with that reason: the process above decides what to do.
 */
export async function startPGliteThread(options: PGliteOptions): Promise<EmbeddedPostgres> {
  const worker = new Worker(bootstrap(), {
    eval: true,
    workerData: options,
    transferList: options.loadDataDir ? [options.loadDataDir] : [],
  });
  const pending = new Map<number, { resolve(reply: WorkerReply): void; reject(error: Error): void }>();
  let failure: Error | null = null;
  let nextId = 1;

  const fail = (error: Error) => {
    failure ??= error;
    for (const waiting of pending.values()) waiting.reject(failure);
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (message: WorkerReply | { ready: true }) => {
      if ('ready' in message) return resolve();
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      waiting?.resolve(message);
    });
    worker.once('error', (error) => {
      fail(error);
      reject(error);
    });
    worker.once('exit', (code) => fail(new Error(`the embedded database stopped (exit code ${code})`)));
  });

  const ask = (command: Command): Promise<WorkerReply & { ok: true }> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, {
        resolve: (reply) => (reply.ok ? resolve(reply) : reject(restoreError(reply.error))),
        reject,
      });
      worker.postMessage({ ...command, id } satisfies WorkerRequest);
    });
  };
  const outcome = (reply: WorkerReply & { ok: true }): QueryOutcome => ({
    rows: reply.rows ?? [],
    affectedRows: reply.affectedRows,
  });

  return {
    query: async (sql, parameters) => outcome(await ask({ kind: 'query', sql, parameters: [...parameters] })),
    exec: async (sql) => outcome(await ask({ kind: 'exec', sql })),
    dumpDataDir: async () => new Blob([(await ask({ kind: 'dump' })).dump as ArrayBuffer]),
    async close() {
      if (!failure) await ask({ kind: 'close' });
      await worker.terminate();
    },
  };
}
