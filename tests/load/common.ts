import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type Db } from '@atelier/server/src/db/database';
import { migrateToLatest } from '@atelier/server/src/db/migrate';
import pg from 'pg';
import { registerUser, type Session } from '../support/http';
import { pgliteTemplate } from '../support/pglite-template';
import { type RunningServer, startServer } from '../support/server';

/** Benchmarks print one JSON line on stdout; everything else goes to stderr. */
export const log = (...parts: unknown[]) => console.error('[bench]', ...parts);

export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A positive number from the environment, or the default. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got '${raw}'`);
  return value;
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** Nearest-rank percentile of an ascending array; 0 when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function summarize(values: Float64Array) {
  const sorted = values.slice().sort();
  return {
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length ? (sorted[sorted.length - 1] as number) : 0),
  };
}

/** Runs per figure (BENCH_RUNS, 3): each figure is the median of the runs, with their spread. */
export const RUNS = Math.max(1, Math.round(envNumber('BENCH_RUNS', 3)));

/** The machine's 1-minute load average now. */
export const load1 = () => round(loadavg()[0] ?? 0);

/**
 * A figure measured over several runs: the median, the spread [min, max], and the machine's
 * 1-minute load average when each run began (other work on the machine skews the figures).
 */
export interface Figure {
  median: number;
  spread: [number, number];
  load: number[];
}

export function figure(values: number[], loads: number[], digits = 2): Figure {
  const sorted = [...values].sort((a, b) => a - b);
  // The middle value; with an even count, the mean of the two in the middle.
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 ? (sorted[Math.floor(middle)] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return {
    median: round(median, digits),
    spread: [round(sorted[0] ?? 0, digits), round(sorted.at(-1) ?? 0, digits)],
    load: loads,
  };
}

/** `run` RUNS times in a row (or `runs`), noting the load average as each begins. */
export async function repeat<T>(
  run: (index: number) => Promise<T>,
  runs = RUNS,
): Promise<{ results: T[]; loads: number[] }> {
  const results: T[] = [];
  const loads: number[] = [];
  for (let i = 0; i < runs; i++) {
    loads.push(load1());
    results.push(await run(i));
  }
  return { results, loads };
}

/** `figure` of one number picked out of each run's result. */
export const figureOf = <T>(runs: { results: T[]; loads: number[] }, pick: (result: T) => number, digits = 2) =>
  figure(runs.results.map(pick), runs.loads, digits);

/** a / b rounded, or null when b is 0 (nothing to compare with). */
export const ratio = (a: number, b: number, digits = 3) => (b > 0 ? round(a / b, digits) : null);

/** One goal of a benchmark: what is aimed at, the figure it is judged on, and whether it is met. */
export const goal = (target: string, value: number | null, met: boolean) => ({ target, value, met });

/**
 * Exits the process (code 2) if the benchmark has not finished in time, so that a stuck run
 * never hangs CI. Returns the function that cancels the watchdog.
 */
export function watchdog(seconds: number, cleanup: () => Promise<void>): () => void {
  const timer = setTimeout(() => {
    log(`no result within ${seconds} s: giving up`);
    void cleanup().finally(() => process.exit(2));
  }, seconds * 1000);
  timer.unref();
  return () => clearTimeout(timer);
}

export interface HttpAnswer {
  status: number;
  text: string;
}

/** Keep-alive HTTP client to 127.0.0.1 (one agent per benchmark client pool). */
export function httpClient(baseUrl: string, maxSockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const url = new URL(baseUrl);
  const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body);
      const outgoing = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: payload
            ? { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) }
            : headers,
          timeout: 30_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

export type Http = ReturnType<typeof httpClient>;

export const sessionHeaders = (session: Session) => ({ cookie: session.cookie, 'x-csrf-token': session.csrfToken });

async function expectJson<T>(answer: Promise<HttpAnswer>, expected: number, what: string): Promise<T> {
  const { status, text } = await answer;
  if (status !== expected) throw new Error(`${what}: ${status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** The seed's public space open to all (Mise en récits): anyone may read it, one click to join. */
export async function openSpace(http: Http): Promise<{ id: string; slug: string }> {
  const spaces = await expectJson<{ items: { id: string; slug: string; visibility: string; joinPolicy: string }[] }>(
    http.send('GET', '/api/spaces', {}),
    200,
    'GET /api/spaces',
  );
  const open = spaces.items.find((space) => space.visibility === 'public' && space.joinPolicy === 'open');
  if (!open) throw new Error('the seed has no public space open to all');
  return open;
}

/** A new account, member of the space. */
export async function member(http: Http, baseUrl: string, slug: string, displayName: string): Promise<Session> {
  const session = await registerUser(baseUrl, { displayName });
  await expectJson(http.send('POST', `/api/spaces/${slug}/join`, sessionHeaders(session), '{}'), 200, 'join');
  return session;
}

export async function createThread(http: Http, session: Session, slug: string, title: string) {
  const created = await expectJson<{ thread: { id: string } }>(
    http.send(
      'POST',
      `/api/spaces/${slug}/threads`,
      sessionHeaders(session),
      JSON.stringify({ title, body: '<p>Fil de mesure</p>' }),
    ),
    201,
    'POST /api/spaces/:slug/threads',
  );
  return created.thread.id;
}

/** `POST /api/threads/:id/posts` with a unique Idempotency-Key; resolves to the HTTP status. */
export async function postInThread(http: Http, session: Session, threadId: string, body: string): Promise<number> {
  const answer = await http.send(
    'POST',
    `/api/threads/${threadId}/posts`,
    { ...sessionHeaders(session), 'idempotency-key': randomBytes(12).toString('hex') },
    JSON.stringify({ body }),
  );
  if (answer.status !== 201) log(`post answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  return answer.status;
}

export interface BenchServer {
  /** The running server; a new one after `restart`. */
  server: RunningServer;
  database: 'pglite' | 'postgres';
  /** Connection string of the benchmark's own database (PostgreSQL only). */
  databaseUrl: string | undefined;
  /** Embedded PGlite's data directory (also given to the server on PostgreSQL, unused there). */
  dataDir: string;
  /** Stops the server (SIGTERM, waits for its exit); the database stays. */
  stop(): Promise<void>;
  /** Stops the server if it runs, then starts it again on the same database and port. */
  restart(): Promise<RunningServer>;
  /** Stops the server (if still running) and drops the benchmark's database. */
  cleanup(): Promise<void>;
}

export interface BenchServerOptions {
  /** Extra environment of the server process. */
  env?: Record<string, string>;
  /**
   * Runs on the migrated database before the server first starts (set-based seeding): the
   * server then finds its schema in place and the rows already there.
   */
  prepare?: (raw: RawConnection) => Promise<void>;
}

/**
 * The real server as `support/server.ts` starts it (RATE_LIMITS=off, development mode), on
 * embedded PGlite in a fresh data directory (a copy of a migrated template), or, when
 * DATABASE_URL is set, on a fresh database created on that PostgreSQL server; `cleanup`
 * removes either.
 */
export async function startBenchServer(options: BenchServerOptions = {}): Promise<BenchServer> {
  const external = process.env.BENCH_SERVER_URL;
  if (external) {
    // A server started by hand (e.g. under `node --cpu-prof`): used as is, never stopped.
    if (options.prepare) throw new Error('this benchmark seeds its own database: it cannot use BENCH_SERVER_URL');
    const url = external.replace(/\/$/, '');
    const server: RunningServer = {
      url,
      port: Number(new URL(url).port),
      dataDir: '',
      logs: () => '',
      stop: async () => {},
      kill: async () => {},
    };
    const noop = async () => {};
    const restart = async () => {
      throw new Error('a server given by BENCH_SERVER_URL cannot be restarted');
    };
    return { server, database: 'pglite', databaseUrl: undefined, dataDir: '', stop: noop, restart, cleanup: noop };
  }
  const adminUrl = process.env.DATABASE_URL;
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-bench-'));
  if (!adminUrl) await cp(await pgliteTemplate(), dataDir, { recursive: true });
  let databaseUrl: string | undefined;
  let name: string | undefined;
  if (adminUrl) {
    name = `atelier_bench_${randomBytes(5).toString('hex')}`;
    await withClient(adminUrl, (client) => client.query(`create database ${name}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const dropAll = async () => {
    if (adminUrl && name) await dropDatabase(adminUrl, name);
    await rm(dataDir, { recursive: true, force: true });
  };
  const env: Record<string, string> = { LOG_LEVEL: 'warn', SEED: 'alliance', ...options.env };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  let server: RunningServer;
  try {
    if (options.prepare) {
      const raw = await openRaw({ databaseUrl, dataDir }, 1, { migrate: true });
      try {
        await options.prepare(raw.connections[0] as RawConnection);
      } finally {
        await raw.close();
      }
    }
    server = await startServer(env, { dataDir });
  } catch (error) {
    await dropAll();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  const bench: BenchServer = {
    server,
    database: databaseUrl ? 'postgres' : 'pglite',
    databaseUrl,
    dataDir,
    stop() {
      stopped ??= bench.server.stop().catch((error) => log('server stop:', String(error).slice(0, 2000)));
      return stopped;
    },
    async restart() {
      await bench.stop();
      bench.server = await startServer(env, { dataDir, port: bench.server.port });
      stopped = undefined;
      return bench.server;
    },
    async cleanup() {
      await bench.stop();
      await dropAll();
    },
  };
  return bench;
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function dropDatabase(adminUrl: string, name: string) {
  await withClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`)).catch((error) =>
    log(`could not drop ${name}:`, String(error)),
  );
}

/** A connection to the benchmark's database, for SQL written by hand. */
export interface RawConnection {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** `work` between BEGIN and COMMIT (ROLLBACK if it throws), on this connection. */
  transaction<T>(work: (trx: RawConnection) => Promise<T>): Promise<T>;
}

/** Statements go to the driver as written, as the database module itself sends BEGIN. */
function kyselyConnection(db: Db): RawConnection {
  return {
    query: async <Row>(text: string, params: readonly unknown[] = []) =>
      (await db.executeQuery<Row>({ sql: text, parameters: params } as unknown as Parameters<Db['executeQuery']>[0]))
        .rows,
    transaction: (work) => db.transaction().execute((trx) => work(kyselyConnection(trx))),
  };
}

function pgConnection(client: pg.Client): RawConnection {
  const connection: RawConnection = {
    query: async <Row>(text: string, params: readonly unknown[] = []) =>
      (await client.query(text, params as unknown[])).rows as Row[],
    async transaction(work) {
      await client.query('begin');
      try {
        const result = await work(connection);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
    },
  };
  return connection;
}

/**
 * The benchmark's database opened from this process: `connections` pg clients on PostgreSQL.
 * On embedded PGlite (whose data only one process may open: the server must have stopped), the
 * data directory opened as the server opens it, in a thread of its own, through the server's
 * own driver: its one session is shared by the `connections` handed out as the server's
 * requests share it (a transaction holds it until it ends, other statements wait).
 * `migrate` first brings the schema up to date, as the server does when it starts.
 */
export async function openRaw(
  target: { databaseUrl: string | undefined; dataDir: string },
  connections: number,
  options: { migrate?: boolean } = {},
): Promise<{ connections: RawConnection[]; close(): Promise<void> }> {
  if (!target.databaseUrl) {
    const database = await createDatabase({ dataDir: target.dataDir });
    if (options.migrate) await migrateToLatest(database.db);
    const shared = kyselyConnection(database.db);
    return { connections: Array.from({ length: connections }, () => shared), close: () => database.close() };
  }
  if (options.migrate) {
    const database = await createDatabase({ databaseUrl: target.databaseUrl, dataDir: 'unused', poolSize: 1 });
    try {
      await migrateToLatest(database.db);
    } finally {
      await database.close();
    }
  }
  const clients = Array.from({ length: connections }, () => new pg.Client({ connectionString: target.databaseUrl }));
  await Promise.all(clients.map((client) => client.connect()));
  return {
    connections: clients.map(pgConnection),
    close: async () => {
      await Promise.all(clients.map((client) => client.end()));
    },
  };
}

/** Cores and load averages (1 and 5 min): other work on the machine skews the figures. */
export const machine = () => ({
  cpus: availableParallelism(),
  loadAverage: loadavg()
    .slice(0, 2)
    .map((value) => round(value)),
});

/** Runs a benchmark's `main` and exits: 0 once its line is printed, 1 (with the error) otherwise. */
export function runBenchmark(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error) => {
      log(`${name} benchmark failed:`, error);
      process.exit(1);
    },
  );
}

/** Prints the result line (figures never fail a benchmark; crashes do), with the machine's load. */
export function printResult(result: Record<string, unknown>, loadBefore: ReturnType<typeof machine>): void {
  process.stdout.write(`${JSON.stringify({ ...result, machine: { before: loadBefore, after: machine() } })}\n`);
}
