/**
 * `pnpm bench:fanout`: post-to-delivery latency and delivery throughput of one thread with
 * many listeners, on the real server and on a bare socket.io server measured in the same run
 * with the same listener processes. Prints one JSON line on stdout; logs go to stderr.
 *
 * BENCH_LISTENERS (1000) sockets over BENCH_PROCESSES (2) forked listener processes, signed in
 * as BENCH_LISTENER_ACCOUNTS (10) accounts; steady phase of BENCH_SECONDS (10) at BENCH_RATE
 * (50) posts/s, open loop; saturation phase of BENCH_SATURATION_SECONDS (5) posting as fast as
 * the pipeline delivers, with at most BENCH_SATURATION_WINDOW (32) posts not yet delivered to
 * every listener. DATABASE_URL: the server runs on a fresh database there instead of PGlite.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { registerUser } from '../support/http';
import {
  createThread,
  envNumber,
  type Http,
  httpClient,
  log,
  machine,
  member,
  now,
  openSpace,
  postInThread,
  printResult,
  round,
  sleep,
  startBenchServer,
  summarize,
  watchdog,
} from './common';
import type { FromListener, ToListener } from './listener';
import type { FromRawServer, ToRawServer } from './raw-server';

const config = {
  listeners: Math.round(envNumber('BENCH_LISTENERS', 1000)),
  processes: Math.max(2, Math.round(envNumber('BENCH_PROCESSES', 2))),
  accounts: Math.round(envNumber('BENCH_LISTENER_ACCOUNTS', 10)),
  rate: envNumber('BENCH_RATE', 50),
  seconds: envNumber('BENCH_SECONDS', 10),
  saturationSeconds: envNumber('BENCH_SATURATION_SECONDS', 5),
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

/** The forked listener processes and the bookkeeping of posts not yet delivered everywhere. */
class Listeners {
  readonly children: { process: ChildProcess; count: number }[] = [];
  sample: unknown = null;
  private remaining = new Map<string, { left: number; timer: NodeJS.Timeout }>();
  private wakers: (() => void)[] = [];
  private waiting = new Map<string, (message: FromListener) => void>();
  lostByTimeout = 0;

  constructor(total: number, processes: number) {
    const script = fileURLToPath(new URL('./listener.ts', import.meta.url));
    for (let i = 0; i < processes; i++) {
      const count = Math.floor(total / processes) + (i < total % processes ? 1 : 0);
      const child = fork(script, [], {
        execArgv: ['--import', 'tsx'],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.on('message', (message) => this.onMessage(i, message as FromListener));
      child.on('exit', (code) => {
        if (code !== 0) log(`listener process ${i} exited with code ${code}`);
      });
      this.children.push({ process: child, count });
    }
  }

  get active() {
    return this.children.filter((child) => child.count > 0);
  }

  get inflight() {
    return this.remaining.size;
  }

  private onMessage(index: number, message: FromListener) {
    if (message.type === 'error') {
      log(`listener ${index}: ${message.message}`);
      this.waiting.get(`${index}:ready`)?.(message);
      return;
    }
    if (message.type === 'sample') {
      this.sample ??= message.event;
      return;
    }
    if (message.type === 'done') {
      const key = `${message.phase}|${message.n}`;
      const entry = this.remaining.get(key);
      if (entry && --entry.left === 0) this.finish(key);
      return;
    }
    const key = message.type === 'ready' ? `${index}:ready` : `${index}:report:${message.phase}`;
    const resolve = this.waiting.get(key);
    this.waiting.delete(key);
    resolve?.(message);
  }

  private ask(index: number, key: string, message: ToListener): Promise<FromListener> {
    return new Promise((resolve) => {
      this.waiting.set(`${index}:${key}`, resolve);
      this.children[index]?.process.send(message);
    });
  }

  async connect(url: string, cookies: string[], room: string) {
    const answers = await Promise.all(
      this.children.map((child, i) => this.ask(i, 'ready', { cmd: 'connect', url, cookies, count: child.count, room })),
    );
    for (const answer of answers) if (answer.type === 'error') throw new Error(answer.message);
    return answers.reduce((sum, answer) => sum + (answer.type === 'ready' ? answer.connected : 0), 0);
  }

  async disconnect() {
    await Promise.all(this.children.map((_, i) => this.ask(i, 'ready', { cmd: 'disconnect' })));
  }

  /** Called just before a post is sent: it is in flight until every listener has it. */
  start(phase: string, n: number) {
    const key = `${phase}|${n}`;
    const timer = setTimeout(() => {
      this.lostByTimeout += 1;
      this.finish(key);
    }, config.lossTimeoutMs);
    this.remaining.set(key, { left: this.active.length, timer });
  }

  finish(key: string) {
    const entry = this.remaining.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.remaining.delete(key);
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }

  /** Resolves at the next completion (or loss) of an in-flight post. */
  next(): Promise<void> {
    return new Promise((resolve) => this.wakers.push(resolve));
  }

  async idle() {
    while (this.inflight > 0) await this.next();
  }

  async report(phase: string) {
    const answers = await Promise.all(
      this.children.map((_, i) => this.ask(i, `report:${phase}`, { cmd: 'report', phase })),
    );
    const reports = answers.filter((answer) => answer.type === 'report');
    const length = reports.reduce((sum, r) => sum + r.latencies.length, 0);
    const latencies = new Float64Array(length);
    let offset = 0;
    for (const r of reports) {
      latencies.set(r.latencies, offset);
      offset += r.latencies.length;
    }
    const firsts = reports.map((r) => r.firstAt).filter((at) => at > 0);
    return {
      latencies,
      delivered: reports.reduce((sum, r) => sum + r.delivered, 0),
      duplicates: reports.reduce((sum, r) => sum + r.duplicates, 0),
      gaps: reports.reduce((sum, r) => sum + r.gaps, 0),
      firstAt: firsts.length ? Math.min(...firsts) : 0,
      lastAt: Math.max(0, ...reports.map((r) => r.lastAt)),
    };
  }

  close() {
    for (const child of this.children) {
      if (child.process.connected) child.process.send({ cmd: 'exit' } satisfies ToListener);
    }
  }
}

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

/** Warm-up (not measured), steady rate, saturation: one side of the comparison. */
async function runSide(listeners: Listeners, target: Target, side: 'app' | 'raw', sockets: number) {
  log(`${side}: warm-up (${config.warmupPosts} posts)`);
  const warm = await steady(listeners, target, `${side}-warmup`, config.warmupPosts, config.rate);
  await listeners.report(`${side}-warmup`);
  if (warm.ok === 0) throw new Error(`${side}: no warm-up post went through`);
  log(`${side}: steady ${config.rate}/s for ${config.seconds} s`);
  const steadySent = await steady(
    listeners,
    target,
    `${side}-steady`,
    Math.max(1, Math.round(config.rate * config.seconds)),
    config.rate,
  );
  const steadyResult = await measure(listeners, `${side}-steady`, steadySent, sockets);
  log(`${side}: steady`, JSON.stringify(steadyResult));
  log(`${side}: saturation for ${config.saturationSeconds} s (window ${config.window})`);
  const saturationSent = await saturate(
    listeners,
    target,
    `${side}-saturation`,
    config.saturationSeconds,
    config.window,
  );
  const saturationResult = await measure(listeners, `${side}-saturation`, saturationSent, sockets);
  log(`${side}: saturation`, JSON.stringify(saturationResult));
  return { steady: steadyResult, saturation: saturationResult };
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
  const cleanup = async () => {
    listeners?.close();
    if (raw?.child.connected) raw.child.send({ cmd: 'exit' } satisfies ToRawServer);
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

    listeners = new Listeners(config.listeners, config.processes);
    const connected = await listeners.connect(baseUrl, cookies, room);
    log(`app: ${connected} listeners subscribed to ${room}`);
    const app = await runSide(
      listeners,
      async (body) => (await postInThread(http, poster, threadId, body)) === 201,
      'app',
      connected,
    );
    const template = listeners.sample;
    await listeners.disconnect();
    // The real server is stopped before the baseline runs: each side has the machine to itself.
    await bench.stop();
    if (!template) throw new Error('no post.created event was ever received from the server');

    raw = await startRawServer();
    raw.child.send({ cmd: 'template', event: template } satisfies ToRawServer);
    const rawHttp = httpClient(raw.url, 64);
    https.push(rawHttp);
    const rawConnected = await listeners.connect(raw.url, [], room);
    log(`raw: ${rawConnected} listeners on the bare socket.io server ${raw.url}`);
    const baseline = await runSide(
      listeners,
      async (body) => (await rawHttp.send('POST', '/broadcast', {}, JSON.stringify({ body }))).status === 201,
      'raw',
      rawConnected,
    );

    const p99Ratio = baseline.steady.p99 > 0 ? round(app.steady.p99 / baseline.steady.p99) : null;
    const throughputRatio =
      baseline.saturation.deliveriesPerSecond > 0
        ? round(app.saturation.deliveriesPerSecond / baseline.saturation.deliveriesPerSecond)
        : null;
    const nothingLost =
      app.steady.lost === 0 &&
      app.saturation.lost === 0 &&
      app.steady.duplicates === 0 &&
      app.saturation.duplicates === 0 &&
      app.steady.failedPosts === 0 &&
      app.saturation.failedPosts === 0;
    printResult(
      {
        bench: 'fanout',
        database: bench.database,
        listeners: connected,
        processes: config.processes,
        listenerAccounts: cookies.length,
        rate: config.rate,
        seconds: config.seconds,
        saturationSeconds: config.saturationSeconds,
        saturationWindow: config.window,
        payloadBytes: Buffer.byteLength(JSON.stringify(template)),
        app,
        raw: baseline,
        ratios: { p99: p99Ratio, saturationThroughput: throughputRatio },
        goals: {
          nothingLost: { target: 'every post delivered once to every listener', met: nothingLost },
          p99: { target: 'app p99 <= 2.5x raw p99 at the steady rate', met: p99Ratio !== null && p99Ratio <= 2.5 },
          saturation: {
            target: 'app deliveries/s >= 0.7x raw at saturation',
            met: throughputRatio !== null && throughputRatio >= 0.7,
          },
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

main().then(
  () => process.exit(0),
  (error) => {
    log('fanout benchmark failed:', error);
    process.exit(1);
  },
);
