import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { registerUser, type Session } from '../support/http';
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
  server: RunningServer;
  database: 'pglite' | 'postgres';
  /** Connection string of the benchmark's own database (PostgreSQL only). */
  databaseUrl: string | undefined;
  /** Stops the server (SIGTERM, waits for its exit); the database stays. */
  stop(): Promise<void>;
  /** Stops the server (if still running) and drops the benchmark's database. */
  cleanup(): Promise<void>;
}

/**
 * The real server as `support/server.ts` starts it (RATE_LIMITS=off, development mode), on
 * embedded PGlite in `dataDir`, or, when DATABASE_URL is set, on a fresh database created on
 * that PostgreSQL server and dropped by `cleanup`.
 */
export async function startBenchServer(options: { dataDir?: string } = {}): Promise<BenchServer> {
  const external = process.env.BENCH_SERVER_URL;
  if (external) {
    // A server started by hand (e.g. under `node --cpu-prof`): used as is, never stopped.
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
    return { server, database: 'pglite', databaseUrl: undefined, stop: noop, cleanup: noop };
  }
  const adminUrl = process.env.DATABASE_URL;
  let databaseUrl: string | undefined;
  let name: string | undefined;
  if (adminUrl) {
    name = `atelier_bench_${randomBytes(5).toString('hex')}`;
    await withClient(adminUrl, (client) => client.query(`create database ${name}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const env: Record<string, string> = { LOG_LEVEL: 'warn', SEED: 'on' };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  if (options.dataDir) env.DATA_DIR = options.dataDir;
  let server: RunningServer;
  try {
    server = await startServer(env);
  } catch (error) {
    if (adminUrl && name) await dropDatabase(adminUrl, name);
    throw error;
  }
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= server.stop().catch((error) => log('server stop:', String(error).slice(0, 2000)));
    return stopped;
  };
  return {
    server,
    database: databaseUrl ? 'postgres' : 'pglite',
    databaseUrl,
    stop,
    async cleanup() {
      await stop();
      if (adminUrl && name) await dropDatabase(adminUrl, name);
    },
  };
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

/** Cores and load averages (1 and 5 min): other work on the machine skews the figures. */
export const machine = () => ({
  cpus: availableParallelism(),
  loadAverage: loadavg()
    .slice(0, 2)
    .map((value) => round(value)),
});

/** Prints the result line (figures never fail a benchmark; crashes do), with the machine's load. */
export function printResult(result: Record<string, unknown>, loadBefore: ReturnType<typeof machine>): void {
  process.stdout.write(`${JSON.stringify({ ...result, machine: { before: loadBefore, after: machine() } })}\n`);
}
