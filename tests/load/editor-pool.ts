/**
 * The editors of `collab.ts` seen from the benchmark: forks the editor processes (editors.ts),
 * tells them when to write, and puts together, for each paragraph, when the last editor of all
 * processes had it.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Session } from '../support/http';
import { figureOf, log, now, percentile, repeat, round, sleep } from './common';
import type { FromEditors, ToEditors } from './editors';

export interface CrowdConfig {
  editors: number;
  processes: number;
  edits: number;
  editIntervalMs: number;
  lossTimeoutMs: number;
}

/**
 * `config.editors` providers on document `name` of `url`, spread over `config.processes`
 * processes (editors.ts), each writing `config.edits` paragraphs per run, one every
 * `config.editIntervalMs`, staggered; for each paragraph, the time until the last editor has it
 * (lost when not within `config.lossTimeoutMs`). `sessionOf` gives editor i's session (null on
 * the plain server). Returns the runs' figures and the keys written.
 */
export async function crowd(
  config: CrowdConfig,
  url: string,
  name: string,
  label: string,
  sessionOf: (i: number) => Session | null,
) {
  const script = fileURLToPath(new URL('./editors.ts', import.meta.url));
  const processes = Math.max(1, Math.min(config.processes, config.editors));
  const children = Array.from({ length: processes }, () =>
    fork(script, [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const shares = children.map(
    (_, p) => Math.floor(config.editors / processes) + (p < config.editors % processes ? 1 : 0),
  );
  const firsts = shares.map((_, p) => shares.slice(0, p).reduce((sum, n) => sum + n, 0));
  // Each key: when it was written, when the last editor so far had it, how many processes told.
  const pending = new Map<string, { sentAt: number; at: number; reports: number }>();
  let latencies: number[] = [];
  let wake: (() => void) | undefined;
  const all = <T extends FromEditors['type']>(type: T, message?: ToEditors) =>
    Promise.all(
      children.map(
        (child) =>
          new Promise<Extract<FromEditors, { type: T }>>((resolve, reject) => {
            const onMessage = (raw: unknown) => {
              const reply = raw as FromEditors;
              if (reply.type === 'error') reject(new Error(reply.message));
              if (reply.type !== type) return;
              child.off('message', onMessage);
              resolve(reply as Extract<FromEditors, { type: T }>);
            };
            child.on('message', onMessage);
            if (message) child.send(message);
          }),
      ),
    );
  for (const child of children) {
    child.on('message', (raw) => {
      const message = raw as FromEditors;
      if (message.type !== 'seen') return;
      const entry = pending.get(message.key);
      if (!entry) return;
      entry.at = Math.max(entry.at, message.at);
      entry.sentAt = message.sentAt;
      if (++entry.reports < processes) return;
      latencies.push(entry.at - entry.sentAt);
      pending.delete(message.key);
      if (pending.size === 0) wake?.();
    });
  }
  const keys: string[] = [];
  try {
    await Promise.all(
      children.map((child, p) => {
        const sessions = Array.from({ length: shares[p]! }, (_, i) => sessionOf(firsts[p]! + i));
        const ready = all('ready');
        child.send({ cmd: 'open', url, name, sessions } satisfies ToEditors);
        return ready;
      }),
    );
    log(`${label}: ${config.editors} editors on the document, over ${processes} processes`);
    const runs = await repeat(async (run) => {
      latencies = [];
      const prefix = `${label}-${run}`;
      for (let i = 0; i < config.editors; i++) {
        for (let k = 0; k < config.edits; k++) {
          const key = `${prefix}-${i}-${k}`;
          keys.push(key);
          pending.set(key, { sentAt: 0, at: 0, reports: 0 });
        }
      }
      // A moment ahead, so that every process starts on time.
      const startAt = now() + 300;
      await Promise.all(
        children.map((child, p) => {
          const written = all('written');
          child.send({
            cmd: 'write',
            prefix,
            first: firsts[p]!,
            total: config.editors,
            edits: config.edits,
            intervalMs: config.editIntervalMs,
            startAt,
          } satisfies ToEditors);
          return written;
        }),
      );
      const deadline = sleep(config.lossTimeoutMs).then(() => 'timeout' as const);
      if (pending.size > 0) await Promise.race([new Promise<void>((resolve) => (wake = resolve)), deadline]);
      const lost = pending.size;
      pending.clear();
      const sorted = latencies.sort((a, b) => a - b);
      const result = {
        edits: sorted.length + lost,
        lost,
        p50: round(percentile(sorted, 50)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted.at(-1) ?? 0),
      };
      log(`${label} run ${run + 1}:`, JSON.stringify(result));
      return result;
    });
    await all('settled', { cmd: 'settle' });
    return {
      result: {
        editors: config.editors,
        processes,
        editsPerSecond: round((config.editors * 1000) / config.editIntervalMs, 1),
        edits: runs.results.reduce((sum, r) => sum + r.edits, 0),
        editToAllMs: {
          p50: figureOf(runs, (r) => r.p50),
          p99: figureOf(runs, (r) => r.p99),
          max: figureOf(runs, (r) => r.max),
        },
        lost: runs.results.reduce((sum, r) => sum + r.lost, 0),
      },
      keys,
    };
  } finally {
    for (const child of children) if (child.connected) child.send({ cmd: 'exit' } satisfies ToEditors);
  }
}
