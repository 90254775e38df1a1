/**
 * `pnpm bench:fanout`: post-to-delivery latency and delivery throughput of one thread with
 * many listeners, on the real server and on a bare socket.io server (raw-server.ts) measured
 * in the same run with the same listener processes. Prints one JSON line on stdout; logs go
 * to stderr.
 *
 * 1. Raw rate search: the highest rate (posts/s) at which the bare socket.io server keeps its
 *    p99 within BENCH_P99_MS (100) with nothing lost, with these listeners on this machine:
 *    from BENCH_SEARCH_START (20) posts/s, doubling up to BENCH_SEARCH_MAX (640), then
 *    BENCH_SEARCH_STEPS (2) bisections, each probe BENCH_SEARCH_SECONDS (2) long.
 * 2. At that rate, BENCH_RUNS (3) steady runs of BENCH_SECONDS (5), open loop, raw then app;
 *    then BENCH_RUNS saturation runs of BENCH_SATURATION_SECONDS (3) each side: posts as fast
 *    as they are delivered, at most BENCH_SATURATION_WINDOW (32) not yet delivered everywhere.
 *
 * BENCH_LISTENERS (1000) sockets over BENCH_PROCESSES (2) forked listener processes, signed in
 * as BENCH_LISTENER_ACCOUNTS (10) accounts. BENCH_RATE skips the search and uses that rate.
 * DATABASE_URL: the server runs on a fresh database there instead of PGlite.
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { registerUser } from '../support/http';
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
  openSpace,
  postInThread,
  printResult,
  RUNS,
  ratio,
  repeat,
  round,
  runBenchmark,
  sleep,
  startBenchServer,
  summarize,
  watchdog,
} from './common';
import { Listeners } from './listener-pool';
import type { FromRawServer, ToRawServer } from './raw-server';

const config = {
  listeners: Math.round(envNumber('BENCH_LISTENERS', 1000)),
  processes: Math.max(2, Math.round(envNumber('BENCH_PROCESSES', 2))),
  accounts: Math.round(envNumber('BENCH_LISTENER_ACCOUNTS', 10)),
  /** Set: no search, this rate. */
  rate: process.env.BENCH_RATE ? envNumber('BENCH_RATE', 1) : undefined,
  p99Ms: envNumber('BENCH_P99_MS', 100),
  searchStart: envNumber('BENCH_SEARCH_START', 20),
  searchMax: envNumber('BENCH_SEARCH_MAX', 640),
  searchSteps: Math.round(envNumber('BENCH_SEARCH_STEPS', 2)),
  searchSeconds: envNumber('BENCH_SEARCH_SECONDS', 2),
  seconds: envNumber('BENCH_SECONDS', 5),
  saturationSeconds: envNumber('BENCH_SATURATION_SECONDS', 3),
  window: Math.round(envNumber('BENCH_SATURATION_WINDOW', 32)),
  warmupPosts: Math.round(envNumber('BENCH_WARMUP_POSTS', 20)),
  /** A post not delivered to every listener this long after it was sent counts as lost. */
  lossTimeoutMs: envNumber('BENCH_LOSS_TIMEOUT_MS', 15_000),
  timeoutSeconds: envNumber('BENCH_TIMEOUT_SECONDS', 600),
};
const BODY_FILLER = ' — Compte rendu de la permanence : questions, propositions et suites à donner.'.repeat(3);
const bodyOf = (phase: string, n: number, sentAt: number) =>
  `<p>bench|${phase}|${n}|${sentAt.toFixed(3)}${BODY_FILLER}</p>`;

type Target = (body: string) => Promise<boolean>;

interface Sent {
  sent: number;
  ok: number;
  failed: number;
  firstSendAt: number;
  lastSendAt: number;
}

async function sendOne(listeners: Listeners, target: Target, phase: string, n: number, sent: Sent) {
  listeners.start(phase, n);
  const sentAt = now();
  if (sent.firstSendAt === 0) sent.firstSendAt = sentAt;
  sent.lastSendAt = sentAt;
  sent.sent += 1;
  const ok = await target(bodyOf(phase, n, sentAt)).catch((error: Error) => {
    log(`${phase} #${n}: ${error.message}`);
    return false;
  });
  if (ok) sent.ok += 1;
  else {
    sent.failed += 1;
    listeners.finish(`${phase}|${n}`);
  }
}

/** Open loop: post n is sent at t0 + n / rate whatever happened to the previous ones. */
async function steady(listeners: Listeners, target: Target, phase: string, count: number, rate: number) {
  const sent: Sent = { sent: 0, ok: 0, failed: 0, firstSendAt: 0, lastSendAt: 0 };
  const t0 = performance.now();
  const sends: Promise<void>[] = [];
  for (let n = 1; n <= count; n++) {
    const wait = t0 + ((n - 1) * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    sends.push(sendOne(listeners, target, phase, n, sent));
  }
  await Promise.all(sends);
  await listeners.idle();
  return sent;
}

/** Closed loop on delivery: as fast as posts reach every listener, `window` at most in flight. */
async function saturate(listeners: Listeners, target: Target, phase: string, seconds: number, window: number) {
  const sent: Sent = { sent: 0, ok: 0, failed: 0, firstSendAt: 0, lastSendAt: 0 };
  const end = performance.now() + seconds * 1000;
  const sends: Promise<void>[] = [];
  let n = 0;
  while (performance.now() < end) {
    if (listeners.inflight >= window) {
      await listeners.next();
      continue;
    }
    n += 1;
    sends.push(sendOne(listeners, target, phase, n, sent));
  }
  await Promise.all(sends);
  await listeners.idle();
  return sent;
}

async function measure(listeners: Listeners, phase: string, sent: Sent, sockets: number) {
  const report = await listeners.report(phase);
  const expected = sent.ok * sockets;
  const seconds = (report.lastAt - sent.firstSendAt) / 1000;
  return {
    posts: sent.ok,
    failedPosts: sent.failed,
    postsPerSecondSent: round(sent.sent / Math.max(0.001, (sent.lastSendAt - sent.firstSendAt) / 1000), 1),
    expected,
    delivered: report.delivered,
    lost: Math.max(0, expected - report.delivered),
    duplicates: report.duplicates,
    seqGaps: report.gaps,
    ...summarize(report.latencies),
    deliveriesPerSecond: Math.round(report.delivered / Math.max(0.001, seconds)),
  };
}

type Measured = Awaited<ReturnType<typeof measure>>;

/** One side's posts, each phase named `<side>-<what>-<n>` so that listeners keep them apart. */
function side(listeners: Listeners, target: Target, name: 'app' | 'raw', sockets: number) {
  let phases = 0;
  const phase = (what: string) => `${name}-${what}-${++phases}`;
  return {
    async warmUp() {
      const id = phase('warmup');
      const sent = await steady(listeners, target, id, config.warmupPosts, Math.min(config.searchStart, 20));
      await listeners.report(id);
      if (sent.ok === 0) throw new Error(`${name}: no warm-up post went through`);
    },
    async steady(rate: number, seconds: number) {
      const id = phase('steady');
      const sent = await steady(listeners, target, id, Math.max(1, Math.round(rate * seconds)), rate);
      const result = await measure(listeners, id, sent, sockets);
      log(`${name}: steady ${rate}/s`, JSON.stringify(result));
      return result;
    },
    async saturation() {
      const id = phase('saturation');
      const sent = await saturate(listeners, target, id, config.saturationSeconds, config.window);
      const result = await measure(listeners, id, sent, sockets);
      log(`${name}: saturation`, JSON.stringify(result));
      return result;
    },
  };
}

type Side = ReturnType<typeof side>;

const withinTarget = (result: Measured) =>
  result.p99 <= config.p99Ms && result.lost === 0 && result.failedPosts === 0 && result.duplicates === 0;

/**
 * The highest rate at which `raw` keeps p99 within the target: doubling from the start rate
 * (halving when even that fails), then bisecting between the last rate within the target and
 * the first beyond it.
 */
async function searchRate(raw: Side) {
  const probes: { rate: number; p99: number; lost: number; ok: boolean }[] = [];
  const probe = async (rate: number) => {
    // At least a few posts per probe, or a slow rate's p99 is the luck of one or two posts.
    const result = await raw.steady(rate, Math.max(config.searchSeconds, 5 / rate));
    const ok = withinTarget(result);
    probes.push({ rate, p99: result.p99, lost: result.lost, ok });
    return ok;
  };
  let good = 0;
  let bad = Number.POSITIVE_INFINITY;
  for (let rate = config.searchStart; rate <= config.searchMax; rate *= 2) {
    if (await probe(rate)) good = rate;
    else {
      bad = rate;
      break;
    }
  }
  for (let rate = config.searchStart / 2; good === 0 && rate >= 1; rate /= 2) {
    if (await probe(rate)) good = rate;
    else bad = rate;
  }
  for (let step = 0; step < config.searchSteps && good > 0 && Number.isFinite(bad); step++) {
    const middle = Math.round((good + bad) / 2);
    if (middle <= good || middle >= bad) break;
    if (await probe(middle)) good = middle;
    else bad = middle;
  }
  // found: false when even the slowest probe missed the target; the slowest one is used then.
  return {
    rate: good || Math.min(...probes.map((p) => p.rate)),
    found: good > 0,
    probes,
    cappedAtMax: !Number.isFinite(bad),
  };
}

/** RUNS steady runs at `rate`, then RUNS saturation runs. */
async function runSide(target: Side, rate: number) {
  const steadyRuns = await repeat(() => target.steady(rate, config.seconds));
  const saturationRuns = await repeat(() => target.saturation());
  const all = [...steadyRuns.results, ...saturationRuns.results];
  return {
    steady: {
      p50Ms: figureOf(steadyRuns, (r) => r.p50),
      p99Ms: figureOf(steadyRuns, (r) => r.p99),
      maxMs: figureOf(steadyRuns, (r) => r.max),
      deliveriesPerSecond: figureOf(steadyRuns, (r) => r.deliveriesPerSecond, 0),
    },
    saturation: {
      postsPerSecond: figureOf(saturationRuns, (r) => r.postsPerSecondSent, 1),
      deliveriesPerSecond: figureOf(saturationRuns, (r) => r.deliveriesPerSecond, 0),
      p99Ms: figureOf(saturationRuns, (r) => r.p99),
    },
    posts: all.reduce((sum, r) => sum + r.posts, 0),
    failedPosts: all.reduce((sum, r) => sum + r.failedPosts, 0),
    expected: all.reduce((sum, r) => sum + r.expected, 0),
    lost: all.reduce((sum, r) => sum + r.lost, 0),
    duplicates: all.reduce((sum, r) => sum + r.duplicates, 0),
    seqGaps: all.reduce((sum, r) => sum + r.seqGaps, 0),
  };
}

async function startRawServer(): Promise<{ child: ChildProcess; url: string }> {
  const script = fileURLToPath(new URL('./raw-server.ts', import.meta.url));
  const child = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as FromRawServer).port));
    child.once('exit', (code) => reject(new Error(`the raw server exited with code ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

async function main() {
  const loadBefore = machine();
  const startedAt = Date.now();
  const bench = await startBenchServer();
  let listeners: Listeners | undefined;
  let raw: { child: ChildProcess; url: string } | undefined;
  const https: Http[] = [];
  const stopRaw = () => {
    if (raw?.child.connected) raw.child.send({ cmd: 'exit' } satisfies ToRawServer);
  };
  const cleanup = async () => {
    listeners?.close();
    stopRaw();
    for (const http of https) http.close();
    await bench.cleanup();
  };
  const cancel = watchdog(config.timeoutSeconds, cleanup);
  try {
    const baseUrl = bench.server.url;
    const http = httpClient(baseUrl, 64);
    https.push(http);
    log(`server on ${baseUrl} (${bench.database}); signing up the poster and ${config.accounts} listener accounts`);
    const space = await openSpace(http);
    const poster = await member(http, baseUrl, space.slug, 'Poster Mesure');
    const threadId = await createThread(http, poster, space.slug, 'Fil de mesure de diffusion');
    const room = `thread:${threadId}`;
    const cookies: string[] = [];
    for (let i = 0; i < Math.min(config.accounts, config.listeners); i++) {
      cookies.push((await registerUser(baseUrl, { displayName: `Lecteur ${i + 1}` })).cookie);
    }
    const appTarget: Target = async (body) => (await postInThread(http, poster, threadId, body)) === 201;

    // The app's warm-up comes first: its event is the template the bare server sends.
    listeners = new Listeners(config.listeners, config.processes, config.lossTimeoutMs);
    let connected = await listeners.connect(baseUrl, cookies, room);
    log(`app: ${connected} listeners subscribed to ${room}; warm-up`);
    await side(listeners, appTarget, 'app', connected).warmUp();
    const template = listeners.sample;
    await listeners.disconnect();
    if (!template) throw new Error('no post.created event was ever received from the server');

    raw = await startRawServer();
    raw.child.send({ cmd: 'template', event: template } satisfies ToRawServer);
    const rawHttp = httpClient(raw.url, 64);
    https.push(rawHttp);
    const rawConnected = await listeners.connect(raw.url, [], room);
    log(`raw: ${rawConnected} listeners on the bare socket.io server ${raw.url}`);
    const rawSide = side(
      listeners,
      async (body) => (await rawHttp.send('POST', '/broadcast', {}, JSON.stringify({ body }))).status === 201,
      'raw',
      rawConnected,
    );
    await rawSide.warmUp();
    const search = config.rate === undefined ? await searchRate(rawSide) : undefined;
    const rate = config.rate ?? search?.rate ?? 1;
    log(`rate: ${rate} posts/s (${rate * connected} deliveries/s)`);
    const rawResult = await runSide(rawSide, rate);
    await listeners.disconnect();
    // Each side has the machine to itself: the bare server goes; the idle app server stays.
    stopRaw();

    connected = await listeners.connect(baseUrl, cookies, room);
    log(`app: ${connected} listeners subscribed again`);
    const appSide = side(listeners, appTarget, 'app', connected);
    await appSide.warmUp();
    const app = await runSide(appSide, rate);
    await listeners.disconnect();

    const p99Ratio = ratio(app.steady.p99Ms.median, rawResult.steady.p99Ms.median, 2);
    const throughputRatio = ratio(
      app.saturation.deliveriesPerSecond.median,
      rawResult.saturation.deliveriesPerSecond.median,
      2,
    );
    const nothingLost = app.lost === 0 && app.duplicates === 0 && app.failedPosts === 0 && app.seqGaps === 0;
    printResult(
      {
        bench: 'fanout',
        database: bench.database,
        listeners: connected,
        processes: config.processes,
        listenerAccounts: cookies.length,
        runs: RUNS,
        rate,
        search: search ?? 'BENCH_RATE given',
        seconds: config.seconds,
        saturationSeconds: config.saturationSeconds,
        saturationWindow: config.window,
        payloadBytes: Buffer.byteLength(JSON.stringify(template)),
        app,
        raw: rawResult,
        ratios: { p99: p99Ratio, saturationThroughput: throughputRatio },
        goals: {
          rawRate: goal(
            `raw p99 <= ${config.p99Ms} ms at the rate found`,
            rawResult.steady.p99Ms.median,
            rawResult.steady.p99Ms.median <= config.p99Ms,
          ),
          p99: goal('app p99 <= 2x raw p99 at that rate', p99Ratio, p99Ratio !== null && p99Ratio <= 2),
          nothingLost: goal('every app post delivered once to every listener, no gap', app.lost, nothingLost),
          saturation: goal(
            'app deliveries/s >= 0.8x raw at saturation',
            throughputRatio,
            throughputRatio !== null && throughputRatio >= 0.8,
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

runBenchmark('fanout', main);
