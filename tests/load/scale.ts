import { randomBytes } from 'node:crypto';
import { registerUser, type Session } from '../support/http';
import { freePort } from '../support/server';
import {
  envNumber,
  type Figure,
  figureOf,
  goal,
  type Http,
  httpClient,
  log,
  machine,
  now,
  percentile,
  postInThread,
  printResult,
  RUNS,
  repeat,
  round,
  runBenchmark,
  sessionHeaders,
  startBenchServer,
  watchdog,
} from './common';
import { inspectOption } from './inspector';
import { type ScaleRows, type ScaleSizes, seedScale } from './scale-seed';
import { measureSockets } from './scale-sockets';

const sizes: ScaleSizes = {
  members: Math.round(envNumber('BENCH_SCALE_MEMBERS', 10_000)),
  smallMembers: Math.round(envNumber('BENCH_SCALE_SMALL_MEMBERS', 10)),
  threadPosts: Math.round(envNumber('BENCH_SCALE_THREAD_POSTS', 10_000)),
  threads: Math.round(envNumber('BENCH_SCALE_THREADS', 2_000)),
  postsPerThread: Math.round(envNumber('BENCH_SCALE_POSTS_PER_THREAD', 5)),
  directory: Math.round(envNumber('BENCH_SCALE_DIRECTORY', 5_000)),
  organisations: Math.round(envNumber('BENCH_SCALE_ORGANISATIONS', 5_000)),
  sockets: Math.round(envNumber('BENCH_SCALE_SOCKETS', 5_000)),
};
const config = {
  posts: Math.round(envNumber('BENCH_SCALE_POSTS', 20)),
  samples: Math.round(envNumber('BENCH_SCALE_SAMPLES', 20)),
  missed: Math.round(envNumber('BENCH_SCALE_MISSED', 5)),
  processes: Math.max(1, Math.round(envNumber('BENCH_PROCESSES', 2))),
  analyze: process.env.BENCH_SCALE_ANALYZE !== 'off',
  reconnectTimeoutSeconds: envNumber('BENCH_SCALE_RECONNECT_TIMEOUT_SECONDS', 120),
  timeoutSeconds: envNumber('BENCH_TIMEOUT_SECONDS', 600),
};
const PAGE_GOAL_MS = 50;
const SEARCH_WORD = 'mobilité';

async function timed(http: Http, session: Session, path: string) {
  const started = now();
  const answer = await http.send('GET', path, sessionHeaders(session));
  const elapsed = now() - started;
  if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${answer.text.slice(0, 300)}`);
  return { elapsed, json: JSON.parse(answer.text) as Record<string, unknown> };
}

type PageOf = (json: Record<string, unknown>) => { items: unknown[]; nextCursor: string | null };
const listPage: PageOf = (json) => json as ReturnType<PageOf>;
const withCursor = (path: string, cursor: string) => `${path}${path.includes('?') ? '&' : '?'}cursor=${cursor}`;

/** Every page of a list at its default size, in order: how many, and the path of the last. */
async function walk(http: Http, session: Session, path: string, pageOf: PageOf) {
  let pages = 0;
  let items = 0;
  let current = path;
  let slowestMs = 0;
  for (;;) {
    const { elapsed, json } = await timed(http, session, current);
    const page = pageOf(json);
    pages += 1;
    items += page.items.length;
    slowestMs = Math.max(slowestMs, elapsed);
    if (!page.nextCursor) return { pages, items, lastPath: current, slowestPageMs: round(slowestMs) };
    current = withCursor(path, page.nextCursor);
  }
}

/** First page, last page and search (where the route has one) of each list; p95 per run. */
async function measurePages(http: Http, session: Session, rows: ScaleRows) {
  const q = `q=${encodeURIComponent(SEARCH_WORD)}`;
  const lists = {
    threadPosts: { path: `/api/threads/${rows.big.longThreadId}`, pageOf: ((json) => json.posts) as PageOf },
    spaceThreads: { path: `/api/spaces/${rows.threads.slug}/threads`, pageOf: listPage },
    members: { path: `/api/spaces/${rows.big.slug}/members`, pageOf: listPage },
    directory: { path: '/api/directory/people', pageOf: listPage, search: `/api/directory/people?${q}` },
    organisations: {
      path: '/api/directory/organisations',
      pageOf: listPage,
      search: `/api/directory/organisations?${q}`,
    },
  };
  const requests: Record<string, string> = {};
  const shape: Record<string, unknown> = {};
  for (const [name, list] of Object.entries(lists)) {
    log(`pages: walking ${name}`);
    const walked = await walk(http, session, list.path, list.pageOf);
    shape[name] = { items: walked.items, pages: walked.pages, slowestPageOfWalkMs: walked.slowestPageMs };
    requests[`${name}.first`] = list.path;
    requests[`${name}.last`] = walked.lastPath;
    if ('search' in list) requests[`${name}.search`] = list.search;
  }

  const runs = await repeat(async (run) => {
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(requests).map((key) => [key, []]));
    // Interleaved, so that a busy moment of the machine does not fall on one list only.
    for (let i = 0; i < config.samples; i++) {
      for (const [key, path] of Object.entries(requests))
        samples[key]!.push((await timed(http, session, path)).elapsed);
    }
    const p95 = Object.fromEntries(
      Object.entries(samples).map(([key, values]) => [
        key,
        percentile(
          values.sort((a, b) => a - b),
          95,
        ),
      ]),
    );
    log(
      `pages run ${run + 1}: p95`,
      JSON.stringify(p95, (_, v) => (typeof v === 'number' ? round(v) : v)),
    );
    return p95;
  });
  const p95Ms: Record<string, Figure> = {};
  for (const key of Object.keys(requests)) p95Ms[key] = figureOf(runs, (r) => r[key] ?? 0);
  return {
    shape,
    p95Ms,
    searches: { word: SEARCH_WORD, routesWithoutSearch: ['threadPosts', 'spaceThreads', 'members'] },
  };
}

/** Posts in turn in the big and the small space, with and without a mention. */
async function measurePosting(http: Http, session: Session, rows: ScaleRows) {
  const bodies = {
    plain: '<p>Un compte rendu sans nom, pour mesurer.</p>',
    mention: '<p>Merci @Bruno Mentionné pour la relecture.</p>',
  };
  const cases = [
    ['small.plain', rows.small.postThreadId, bodies.plain],
    ['big.plain', rows.big.postThreadId, bodies.plain],
    ['small.mention', rows.small.postThreadId, bodies.mention],
    ['big.mention', rows.big.postThreadId, bodies.mention],
  ] as const;
  const post = async (threadId: string, body: string) => {
    const started = now();
    const status = await postInThread(http, session, threadId, body);
    if (status !== 201) throw new Error(`posting answered ${status}`);
    return now() - started;
  };
  for (const [, threadId, body] of cases) await post(threadId, body);
  const runs = await repeat(async (run) => {
    const times: Record<string, number[]> = Object.fromEntries(cases.map(([name]) => [name, []]));
    for (let i = 0; i < config.posts; i++) {
      for (const [name, threadId, body] of cases) times[name]!.push(await post(threadId, body));
    }
    const medians = Object.fromEntries(
      Object.entries(times).map(([name, values]) => [
        name,
        percentile(
          values.sort((a, b) => a - b),
          50,
        ),
      ]),
    );
    log(`posting run ${run + 1}: median ms`, JSON.stringify(medians));
    return medians;
  });
  const ms: Record<string, Figure> = {};
  for (const [name] of cases) ms[name] = figureOf(runs, (r) => r[name] ?? 0);
  return {
    medianMs: ms,
    bigOverSmall: {
      plain: figureOf(runs, (r) => (r['big.plain'] ?? 0) / (r['small.plain'] || 1), 3),
      mention: figureOf(runs, (r) => (r['big.mention'] ?? 0) / (r['small.mention'] || 1), 3),
    },
  };
}

async function main() {
  const loadBefore = machine();
  const startedAt = Date.now();
  const tokenPrefix = `mesure-${randomBytes(8).toString('hex')}-`;
  const inspectPort = await freePort();
  let rows: ScaleRows | undefined;
  let seedMs = 0;
  const bench = await startBenchServer({
    env: { NODE_OPTIONS: inspectOption(inspectPort) },
    async prepare(db) {
      const started = now();
      rows = await seedScale(db, sizes, tokenPrefix);
      if (config.analyze) await db.query('analyze');
      seedMs = now() - started;
      log(`seeded in ${round(seedMs)} ms`, JSON.stringify(sizes));
    },
  });
  const http = httpClient(bench.server.url, 4);
  const cleanup = async () => {
    http.close();
    await bench.cleanup();
  };
  const cancel = watchdog(config.timeoutSeconds, cleanup);
  try {
    if (!rows) throw new Error('the seed gave no rows');
    log(`server on ${bench.server.url} (${bench.database})`);
    const viewer = await registerUser(bench.server.url, { displayName: 'Visiteuse Mesure' });
    for (const slug of [rows.big.slug, rows.small.slug, rows.threads.slug]) {
      const answer = await http.send('POST', `/api/spaces/${slug}/join`, sessionHeaders(viewer), '{}');
      if (answer.status !== 200) throw new Error(`join ${slug}: ${answer.status} ${answer.text}`);
    }
    const posting = await measurePosting(http, viewer, rows);
    const pages = await measurePages(http, viewer, rows);
    const sockets = await measureSockets(
      { ...config, sockets: sizes.sockets },
      bench,
      inspectPort,
      http,
      viewer,
      rows,
      tokenPrefix,
    );

    const slowPages = Object.entries(pages.p95Ms).filter(([, f]) => f.median > PAGE_GOAL_MS);
    const worstPage = Math.max(...Object.values(pages.p95Ms).map((f) => f.median));
    const plainRatio = posting.bigOverSmall.plain.median;
    const mentionRatio = posting.bigOverSmall.mention.median;
    const heapKb = round(sockets.heapBytesPerSocket / 1024);
    printResult(
      {
        bench: 'scale',
        database: bench.database,
        runs: RUNS,
        sizes,
        seedMs: round(seedMs),
        analyzed: config.analyze,
        posting,
        pages,
        sockets,
        goals: {
          postingPlain: goal('post in a big space <= 1.2x a small one', plainRatio, plainRatio <= 1.2),
          postingMention: goal(
            'post with a mention in a big space <= 1.2x a small one',
            mentionRatio,
            mentionRatio <= 1.2,
          ),
          pages: {
            ...goal(`every page p95 <= ${PAGE_GOAL_MS} ms`, round(worstPage), slowPages.length === 0),
            over: slowPages.map(([name]) => name),
          },
          heapPerSocket: goal('server heap per idle socket <= 15 KB', heapKb, heapKb <= 15),
          reconnect: goal(
            'every socket subscribed again and caught up after a restart',
            sockets.allCaughtUpMs,
            sockets.allCaughtUpMs !== null && sockets.behind === 0 && sockets.duplicates === 0,
          ),
        },
        durationSeconds: round((Date.now() - startedAt) / 1000, 1),
      },
      loadBefore,
    );
  } finally {
    cancel();
    await cleanup();
  }
}

runBenchmark('scale', main);
