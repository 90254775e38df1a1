import { PROTOCOL_VERSION } from '@atelier/contract';
/**
 * A process of idle sockets for `scale.ts` (forked, advanced IPC serialization): opens many
 * authenticated socket.io clients, each subscribed to one room, following it as the client app
 * does: on every (re)connection it subscribes again and asks `replay` for what it missed, and
 * on a gap in the room's seq it replays too. Reconnection uses socket.io's defaults, as the
 * app's page does (1 s, doubling up to 5 s, ±50 %). A socket the server disconnects itself
 * ("io server disconnect", which socket.io never follows with a reconnection) connects again
 * at once and is counted in `serverDisconnects`: the app's page would stay disconnected.
 *
 * `watch` sets a seq to reach: the process answers `reconnected` once every socket has
 * subscribed again since, and `caughtUp` once every socket has seen the room up to that seq;
 * `status` says how many have not yet.
 */
import { io, type Socket } from 'socket.io-client';

export type ToIdleSockets =
  | { cmd: 'connect'; url: string; cookies: string[]; room: string }
  | { cmd: 'watch'; seq: number }
  | { cmd: 'status' }
  | { cmd: 'exit' };

export type FromIdleSockets =
  | { type: 'ready'; connected: number; seq: number; connectMs: number }
  | { type: 'reconnected'; at: number }
  | { type: 'caughtUp'; at: number; duplicates: number; serverDisconnects: number }
  | { type: 'status'; notReconnected: number; behind: number; duplicates: number; serverDisconnects: number }
  | { type: 'error'; message: string };

interface Follower {
  socket: Socket;
  lastSeq: number;
  /** Subscriptions acknowledged, the first one included. */
  subscriptions: number;
  replaying: boolean;
}

const send = (message: FromIdleSockets) => process.send?.(message);
const now = () => performance.timeOrigin + performance.now();

let followers: Follower[] = [];
let room = '';
let watched: { seq: number; subscriptionsBefore: number[]; reconnectedSent: boolean; caughtUpSent: boolean } | null =
  null;
let duplicates = 0;
let serverDisconnects = 0;

/** Tells the benchmark when every socket has subscribed again, and when all have caught up. */
function check() {
  if (!watched) return;
  if (!watched.reconnectedSent && followers.every((f, i) => f.subscriptions > (watched?.subscriptionsBefore[i] ?? 0))) {
    watched.reconnectedSent = true;
    send({ type: 'reconnected', at: now() });
  }
  if (!watched.caughtUpSent && watched.reconnectedSent && followers.every((f) => f.lastSeq >= (watched?.seq ?? 0))) {
    watched.caughtUpSent = true;
    send({ type: 'caughtUp', at: now(), duplicates, serverDisconnects });
  }
}

async function replay(follower: Follower) {
  if (follower.replaying) return;
  follower.replaying = true;
  try {
    for (;;) {
      const ack = (await follower.socket
        .timeout(30_000)
        .emitWithAck('replay', { room, afterSeq: follower.lastSeq })) as {
        ok: boolean;
        events?: { seq: number }[];
        truncated?: boolean;
      };
      if (!ack.ok) throw new Error(`replay refused: ${JSON.stringify(ack)}`);
      for (const event of ack.events ?? []) if (event.seq === follower.lastSeq + 1) follower.lastSeq = event.seq;
      if (!ack.truncated) break;
    }
  } catch {
    // Cut short by a disconnection: the next connection replays again.
  } finally {
    follower.replaying = false;
    check();
  }
}

function follow(url: string, cookie: string | undefined): Promise<Follower> {
  const socket = io(url, {
    auth: { protocol: PROTOCOL_VERSION },
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: cookie ? { cookie } : {},
    forceNew: true,
    timeout: 30_000,
  });
  const follower: Follower = { socket, lastSeq: 0, subscriptions: 0, replaying: false };
  socket.on('event', (event: { room?: string; seq?: number }) => {
    if (event.room !== room || typeof event.seq !== 'number') return;
    if (event.seq <= follower.lastSeq) duplicates += 1;
    else if (event.seq === follower.lastSeq + 1) follower.lastSeq = event.seq;
    else void replay(follower);
    check();
  });
  socket.on('disconnect', (reason) => {
    if (reason !== 'io server disconnect') return;
    serverDisconnects += 1;
    socket.connect();
  });
  return new Promise((resolve, reject) => {
    socket.on('connect', async () => {
      try {
        const ack = (await socket.timeout(30_000).emitWithAck('subscribe', { room })) as { ok: boolean; seq?: number };
        if (!ack.ok) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
        // The first subscription starts from now; later ones replay what was missed.
        if (follower.subscriptions === 0) follower.lastSeq = ack.seq ?? 0;
        follower.subscriptions += 1;
        if (follower.subscriptions === 1) resolve(follower);
        else await replay(follower);
        check();
      } catch (error) {
        if (follower.subscriptions === 0) reject(error);
      }
    });
    socket.once('connect_error', (error) => {
      if (follower.subscriptions === 0) reject(error);
    });
  });
}

async function connect(message: Extract<ToIdleSockets, { cmd: 'connect' }>) {
  room = message.room;
  const started = now();
  const batch = 50;
  for (let i = 0; i < message.cookies.length; i += batch) {
    const group = message.cookies.slice(i, i + batch);
    followers.push(...(await Promise.all(group.map((cookie) => follow(message.url, cookie)))));
  }
  send({
    type: 'ready',
    connected: followers.length,
    seq: Math.max(0, ...followers.map((f) => f.lastSeq)),
    connectMs: now() - started,
  });
}

process.on('message', (raw) => {
  const message = raw as ToIdleSockets;
  if (message.cmd === 'connect') {
    connect(message).catch((error) => send({ type: 'error', message: String(error?.stack ?? error) }));
  } else if (message.cmd === 'watch') {
    duplicates = 0;
    serverDisconnects = 0;
    watched = {
      seq: message.seq,
      subscriptionsBefore: followers.map((f) => f.subscriptions),
      reconnectedSent: false,
      caughtUpSent: false,
    };
  } else if (message.cmd === 'status') {
    send({
      type: 'status',
      notReconnected: followers.filter((f, i) => f.subscriptions <= (watched?.subscriptionsBefore[i] ?? 0)).length,
      behind: followers.filter((f) => f.lastSeq < (watched?.seq ?? 0)).length,
      duplicates,
      serverDisconnects,
    });
  } else {
    for (const follower of followers) follower.socket.close();
    followers = [];
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
