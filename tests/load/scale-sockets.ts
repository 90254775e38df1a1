/**
 * The idle sockets of `scale.ts`: processes of authenticated sockets (idle-sockets.ts) following
 * the big space's room, the server's heap they cost, and their return after a restart.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Session } from '../support/http';
import { type BenchServer, type Http, log, now, postInThread, round } from './common';
import type { FromIdleSockets, ToIdleSockets } from './idle-sockets';
import { memoryAfterGc } from './inspector';
import type { ScaleRows } from './scale-seed';

/** The processes holding the idle sockets, and what they report. */
function idleSocketProcesses(count: number) {
  const script = fileURLToPath(new URL('./idle-sockets.ts', import.meta.url));
  const children = Array.from({ length: count }, () =>
    fork(script, [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const all = <T extends FromIdleSockets['type']>(type: T, message?: ToIdleSockets) =>
    Promise.all(
      children.map(
        (child) =>
          new Promise<Extract<FromIdleSockets, { type: T }>>((resolve, reject) => {
            const onMessage = (raw: unknown) => {
              const reply = raw as FromIdleSockets;
              if (reply.type === 'error') reject(new Error(reply.message));
              if (reply.type !== type) return;
              child.off('message', onMessage);
              resolve(reply as Extract<FromIdleSockets, { type: T }>);
            };
            child.on('message', onMessage);
            if (message) child.send(message);
          }),
      ),
    );
  return {
    connect: (url: string, cookies: string[], room: string) =>
      Promise.all(
        children.map((child, i) => {
          const share = cookies.filter((_, k) => k % count === i);
          return new Promise<Extract<FromIdleSockets, { type: 'ready' }>>((resolve, reject) => {
            const onMessage = (raw: unknown) => {
              const reply = raw as FromIdleSockets;
              if (reply.type === 'error') reject(new Error(reply.message));
              if (reply.type !== 'ready') return;
              child.off('message', onMessage);
              resolve(reply);
            };
            child.on('message', onMessage);
            child.send({ cmd: 'connect', url, cookies: share, room } satisfies ToIdleSockets);
          });
        }),
      ),
    watch: (seq: number) => {
      for (const child of children) child.send({ cmd: 'watch', seq } satisfies ToIdleSockets);
    },
    all,
    close: () => {
      for (const child of children) if (child.connected) child.send({ cmd: 'exit' } satisfies ToIdleSockets);
    },
  };
}

export interface SocketsConfig {
  /** Sockets to open, one per session made by the seed (at most `rows.sessions`). */
  sockets: number;
  processes: number;
  /** Posts written right after the restart, that every socket must replay or receive. */
  missed: number;
  reconnectTimeoutSeconds: number;
}

/**
 * Heap per idle socket (the server runs under its inspector on `inspectPort`), then a restart:
 * the time until every socket has subscribed again, and until every one has all the posts
 * written right after.
 */
export async function measureSockets(
  config: SocketsConfig,
  bench: BenchServer,
  inspectPort: number,
  http: Http,
  session: Session,
  rows: ScaleRows,
  tokenPrefix: string,
) {
  const count = Math.min(config.sockets, rows.sessions);
  const cookies = Array.from({ length: count }, (_, i) => `atelier_session=${tokenPrefix}${i + 1}`);
  const before = await memoryAfterGc(inspectPort);
  const pool = idleSocketProcesses(config.processes);
  try {
    const ready = await pool.connect(bench.server.url, cookies, `space:${rows.big.id}`);
    // Each process opens its share at once: the slowest one is the time to open them all.
    const connectMs = Math.max(...ready.map((r) => r.connectMs));
    const connected = ready.reduce((sum, r) => sum + r.connected, 0);
    const after = await memoryAfterGc(inspectPort);
    const heapPerSocket = (after.heapUsed - before.heapUsed) / Math.max(1, connected);
    log(`${connected} sockets in ${round(connectMs)} ms; heap ${round(heapPerSocket / 1024)} KB per socket`);

    // Every socket has seen the room up to `seq`; the posts written after the restart come next.
    const seq = Math.max(...ready.map((r) => r.seq)) + config.missed;
    pool.watch(seq);
    const reconnected = pool.all('reconnected');
    const caughtUp = pool.all('caughtUp');
    const restartStarted = now();
    const server = await bench.restart();
    const upAt = now();
    log(`restarted in ${round(upAt - restartStarted)} ms; posting ${config.missed} posts in the big space`);
    for (let i = 0; i < config.missed; i++) {
      const status = await postInThread(http, session, rows.big.postThreadId, `<p>Pendant le redémarrage ${i}</p>`);
      if (status !== 201) throw new Error(`post after the restart answered ${status}`);
    }
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), config.reconnectTimeoutSeconds * 1000).unref(),
    );
    const outcome = await Promise.race([Promise.all([reconnected, caughtUp]), timeout]);
    const status = outcome === 'timeout' ? await pool.all('status', { cmd: 'status' }) : undefined;
    const [back, replayed] = outcome === 'timeout' ? [[], []] : outcome;
    log(`server ${server.url}: ${outcome === 'timeout' ? 'timed out' : 'every socket caught up'}`);
    return {
      sockets: connected,
      connectMs: round(connectMs),
      heapBytesPerSocket: Math.round(heapPerSocket),
      heapBytes: { before: before.heapUsed, after: after.heapUsed },
      rssBytes: { before: before.rss, after: after.rss },
      restartMs: round(upAt - restartStarted),
      // From the moment the restarted server answers: sockets come back on socket.io's backoff.
      allResubscribedMs: back.length ? round(Math.max(...back.map((r) => r.at)) - upAt) : null,
      allCaughtUpMs: replayed.length ? round(Math.max(...replayed.map((r) => r.at)) - upAt) : null,
      duplicates: replayed.reduce((sum, r) => sum + r.duplicates, 0),
      // Sockets the stopping server disconnected itself: socket.io does not reconnect those by
      // itself; these connect again at once, as the app's client does (client/src/lib/socket.ts).
      serverDisconnects: (status ?? replayed).reduce((sum, r) => sum + r.serverDisconnects, 0),
      notResubscribed: status?.reduce((sum, r) => sum + r.notReconnected, 0) ?? 0,
      behind: status?.reduce((sum, r) => sum + r.behind, 0) ?? 0,
    };
  } finally {
    pool.close();
  }
}
