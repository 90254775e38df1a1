/**
 * `pnpm bench:posts`: posts per second through `POST /api/threads/:id/posts` against two
 * baselines measured in the same run on the same database, once the server has stopped:
 *
 * - equal work: the same statements the server runs for a post (post-statements.ts), sent as
 *   SQL from this process: what the post costs the database, without HTTP, validation,
 *   sanitizing, the pool or the event loop;
 * - single-row INSERT: a bare `insert into posts`, what the database takes at the least.
 *
 * BENCH_CLIENTS (4) concurrent clients, each in its own thread (HTTP: keep-alive connections, a
 * unique Idempotency-Key per post; baselines: one connection each on PostgreSQL; on embedded
 * PGlite, whose data only one process may open, after the server has stopped, sharing its one
 * session through the server's own driver as the server's requests do). Every figure is the median of BENCH_RUNS (3) runs of BENCH_SECONDS (5),
 * after BENCH_WARMUP_POSTS (20) unmeasured ones. Prints one JSON line on stdout; logs go to
 * stderr. DATABASE_URL: a fresh database on that PostgreSQL server instead of PGlite.
 */
import type { Session } from '../support/http';
import {
  createThread,
  envNumber,
  figureOf,
  goal,
  type Http,
  httpClient,
  log,
  machine,
  member,
  now,
  openRaw,
  openSpace,
  postInThread,
  printResult,
  type RawConnection,
  ratio,
  repeat,
  round,
  runBenchmark,
  startBenchServer,
  summarize,
  watchdog,
} from './common';
import { type PostTarget, rowsPerPost, sessionTokenOf, writePostAsServer } from './post-statements';

const config = {
  clients: Math.round(envNumber('BENCH_CLIENTS', 4)),
  seconds: envNumber('BENCH_SECONDS', 5),
  warmupPosts: Math.round(envNumber('BENCH_WARMUP_POSTS', 20)),
  timeoutSeconds: envNumber('BENCH_TIMEOUT_SECONDS', 300),
};
const BODY = `<p>Compte rendu de la permanence${' — questions, propositions et suites à donner.'.repeat(4)}</p>`;

/** `workers` loops doing `one` back to back for BENCH_SECONDS; operations per second. */
async function loop(workers: number, one: (worker: number) => Promise<boolean>) {
  let done = 0;
  let failed = 0;
  const latencies: number[] = [];
  const started = now();
  const end = performance.now() + config.seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < end) {
        const sentAt = now();
        const ok = await one(worker).catch((error: Error) => {
          log(error.message);
          return false;
        });
        if (ok) {
          done += 1;
          latencies.push(now() - sentAt);
        } else failed += 1;
      }
    }),
  );
  const elapsed = (now() - started) / 1000;
  return { done, failed, perSecond: round(done / elapsed, 1), latencyMs: summarize(Float64Array.from(latencies)) };
}

async function httpRuns(http: Http, poster: Session, threads: string[]) {
  log(`HTTP: warm-up (${config.warmupPosts} posts)`);
  for (let i = 0; i < config.warmupPosts; i++) await postInThread(http, poster, threads[i % threads.length]!, BODY);
  return repeat(async (run) => {
    const result = await loop(
      threads.length,
      async (worker) => (await postInThread(http, poster, threads[worker]!, BODY)) === 201,
    );
    log(`HTTP run ${run + 1}:`, JSON.stringify(result));
    return result;
  });
}

async function baselineRuns(connections: RawConnection[], targets: PostTarget[], insertThread: string, userId: string) {
  log(`equal work: warm-up (${config.warmupPosts} posts)`);
  for (let i = 0; i < config.warmupPosts; i++) {
    await writePostAsServer(connections[0]!, targets[i % targets.length]!, BODY);
  }
  // The single-row INSERTs number their posts past anything the thread holds.
  let next = 1_000_000;
  return repeat(async (run) => {
    const equalWork = await loop(connections.length, async (worker) => {
      await writePostAsServer(connections[worker]!, targets[worker]!, BODY);
      return true;
    });
    const insert = await loop(connections.length, async (worker) => {
      await connections[worker]!.query(
        'insert into posts (thread_id, number, author_id, body) values ($1, $2, $3, $4)',
        [insertThread, next++, userId, BODY],
      );
      return true;
    });
    log(`baselines run ${run + 1}:`, JSON.stringify({ equalWork, insert }));
    return { equalWork, insert };
  });
}

async function main() {
  const loadBefore = machine();
  const bench = await startBenchServer();
  const http = httpClient(bench.server.url, config.clients);
  const cleanup = async () => {
    http.close();
    await bench.cleanup();
  };
  const cancel = watchdog(config.timeoutSeconds, cleanup);
  try {
    const baseUrl = bench.server.url;
    log(`server on ${baseUrl} (${bench.database})`);
    const space = await openSpace(http);
    const poster = await member(http, baseUrl, space.slug, 'Poster Mesure');
    const thread = (title: string) => createThread(http, poster, space.slug, title);
    const httpThreads: string[] = [];
    const rawThreads: string[] = [];
    for (let i = 0; i < config.clients; i++) {
      httpThreads.push(await thread(`Fil HTTP ${i + 1}`));
      rawThreads.push(await thread(`Fil de la transaction brute ${i + 1}`));
    }
    const insertThread = await thread('Fil des INSERT bruts');

    const httpResult = await httpRuns(http, poster, httpThreads);
    // The server stops first: the baselines have the machine (and, on PGlite, the data) to themselves.
    await bench.stop();
    // On PGlite the baselines' workers share its one session, as the server's requests do.
    const raw = await openRaw(bench, config.clients);
    let baselines: Awaited<ReturnType<typeof baselineRuns>>;
    let rows: Record<'app' | 'equalWork', Awaited<ReturnType<typeof rowsPerPost>>>;
    try {
      const targets = rawThreads.map((threadId) => ({
        sessionToken: sessionTokenOf(poster.cookie),
        userId: poster.user.id,
        displayName: poster.user.displayName,
        spaceId: space.id,
        threadId,
      }));
      baselines = await baselineRuns(raw.connections, targets, insertThread, poster.user.id);
      rows = {
        app: await rowsPerPost(raw.connections[0]!, httpThreads),
        equalWork: await rowsPerPost(raw.connections[0]!, rawThreads),
      };
    } finally {
      await raw.close();
    }
    const perPost = ({ posts: _, ...counts }: (typeof rows)['app']) => JSON.stringify(counts);
    const sameRows = perPost(rows.app) === perPost(rows.equalWork);
    if (!sameRows) log('the baseline does not write what the server writes:', JSON.stringify(rows));

    const posts = figureOf(httpResult, (r) => r.perSecond, 1);
    const equal = figureOf(baselines, (r) => r.equalWork.perSecond, 1);
    const inserts = figureOf(baselines, (r) => r.insert.perSecond, 1);
    const vsEqual = ratio(posts.median, equal.median);
    const vsInsert = ratio(posts.median, inserts.median);
    printResult(
      {
        bench: 'posts',
        database: bench.database,
        clients: config.clients,
        baselineWorkers: raw.connections.length,
        seconds: config.seconds,
        runs: httpResult.results.length,
        bodyBytes: Buffer.byteLength(BODY),
        http: {
          postsPerSecond: posts,
          latencyMsP50: figureOf(httpResult, (r) => r.latencyMs.p50),
          latencyMsP99: figureOf(httpResult, (r) => r.latencyMs.p99),
          failedPosts: httpResult.results.reduce((sum, r) => sum + r.failed, 0),
        },
        equalWork: { postsPerSecond: equal, latencyMsP50: figureOf(baselines, (r) => r.equalWork.latencyMs.p50) },
        insert: { insertsPerSecond: inserts },
        // Rows each side wrote per post: the baseline is equal work only if they match.
        rows: { ...rows, same: sameRows },
        ratios: { httpVsEqualWork: vsEqual, httpVsInsert: vsInsert },
        goals: {
          httpVsEqualWork: goal('HTTP posts/s >= 0.7x equal-work SQL', vsEqual, vsEqual !== null && vsEqual >= 0.7),
          httpVsInsert: goal(
            'HTTP posts/s >= 0.25x single-row INSERTs/s',
            vsInsert,
            vsInsert !== null && vsInsert >= 0.25,
          ),
        },
      },
      loadBefore,
    );
  } finally {
    cancel();
    await cleanup();
  }
}

runBenchmark('posts', main);
