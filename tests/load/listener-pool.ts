/**
 * The listener processes of `fanout.ts` seen from the benchmark: forks them (listener.ts),
 * spreads the sockets over them, and keeps the posts not yet delivered to every listener, so
 * that a saturation phase knows when to send the next one.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { log } from './common';
import type { FromListener, ToListener } from './listener';

/** The forked listener processes and the bookkeeping of posts not yet delivered everywhere. */
export class Listeners {
  readonly children: { process: ChildProcess; count: number }[] = [];
  sample: unknown = null;
  private remaining = new Map<string, { left: number; timer: NodeJS.Timeout }>();
  private wakers: (() => void)[] = [];
  private waiting = new Map<string, (message: FromListener) => void>();
  lostByTimeout = 0;

  /** `lossTimeoutMs`: a post not delivered to every listener this long after it was sent is lost. */
  constructor(
    total: number,
    processes: number,
    private readonly lossTimeoutMs: number,
  ) {
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
    }, this.lossTimeoutMs);
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
