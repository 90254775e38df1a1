import { PROTOCOL_VERSION } from '@atelier/contract';
/**
 * A listener process of `fanout.ts` (forked, advanced IPC serialization): opens many
 * socket.io clients, subscribes them to one room, and measures, for every `post.created`
 * event, the time from the send timestamp written in the post's body to its arrival.
 * Reports per phase: latencies, deliveries, duplicates and gaps (seen through the room seq).
 */
import { io, type Socket } from 'socket.io-client';

export type ToListener =
  | { cmd: 'connect'; url: string; cookies: string[]; count: number; room: string }
  | { cmd: 'disconnect' }
  | { cmd: 'report'; phase: string }
  | { cmd: 'exit' };

export type FromListener =
  | { type: 'ready'; connected: number }
  | { type: 'done'; phase: string; n: number }
  | { type: 'sample'; event: unknown }
  | {
      type: 'report';
      phase: string;
      latencies: Float64Array;
      delivered: number;
      duplicates: number;
      gaps: number;
      firstAt: number;
      lastAt: number;
    }
  | { type: 'error'; message: string };

/** The marker each benchmark post carries in its body: phase, number, send time (epoch ms). */
export const MARKER = /bench\|([a-z0-9-]+)\|(\d+)\|([\d.]+)/;

interface PhaseState {
  latencies: number[];
  counts: Map<number, number>;
  firstAt: number;
  lastAt: number;
}

const send = (message: FromListener) => process.send?.(message);
const now = () => performance.timeOrigin + performance.now();

let sockets: Socket[] = [];
const phases = new Map<string, PhaseState>();
let duplicates = 0;
let gaps = 0;
let sampled = false;

function phaseState(phase: string): PhaseState {
  let state = phases.get(phase);
  if (!state) {
    state = { latencies: [], counts: new Map(), firstAt: 0, lastAt: 0 };
    phases.set(phase, state);
  }
  return state;
}

function onEvent(room: string, lastSeq: { value: number }, event: unknown) {
  const at = now();
  const e = event as { room?: string; seq?: number; type?: string; data?: { post?: { body?: string } } };
  if (e.room !== room || e.type !== 'post.created') return;
  if (typeof e.seq === 'number') {
    if (e.seq <= lastSeq.value) {
      duplicates += 1;
      return;
    }
    if (lastSeq.value > 0 && e.seq > lastSeq.value + 1) gaps += e.seq - lastSeq.value - 1;
    lastSeq.value = e.seq;
  }
  const match = MARKER.exec(e.data?.post?.body ?? '');
  if (!match) return;
  if (!sampled) {
    sampled = true;
    send({ type: 'sample', event });
  }
  const state = phaseState(match[1] as string);
  const n = Number(match[2]);
  state.latencies.push(at - Number(match[3]));
  if (state.firstAt === 0) state.firstAt = at;
  state.lastAt = at;
  const count = (state.counts.get(n) ?? 0) + 1;
  state.counts.set(n, count);
  if (count === sockets.length) send({ type: 'done', phase: match[1] as string, n });
}

async function openOne(url: string, cookie: string | undefined, room: string): Promise<Socket> {
  const socket = io(url, {
    auth: { protocol: PROTOCOL_VERSION },
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  const lastSeq = { value: 0 };
  socket.on('event', (event: unknown) => onEvent(room, lastSeq, event));
  const ack = (await socket.timeout(20_000).emitWithAck('subscribe', { room })) as { ok: boolean; seq?: number };
  if (!ack.ok) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
  lastSeq.value = ack.seq ?? 0;
  return socket;
}

async function connect(message: Extract<ToListener, { cmd: 'connect' }>) {
  const batch = 50;
  const opened: Socket[] = [];
  for (let i = 0; i < message.count; i += batch) {
    const size = Math.min(batch, message.count - i);
    const group = await Promise.all(
      Array.from({ length: size }, (_, k) =>
        openOne(message.url, message.cookies[(i + k) % Math.max(1, message.cookies.length)], message.room),
      ),
    );
    opened.push(...group);
  }
  sockets = opened;
  send({ type: 'ready', connected: sockets.length });
}

process.on('message', (raw) => {
  const message = raw as ToListener;
  const fail = (error: unknown) => send({ type: 'error', message: String((error as Error)?.stack ?? error) });
  switch (message.cmd) {
    case 'connect':
      connect(message).catch(fail);
      break;
    case 'disconnect':
      for (const socket of sockets) socket.close();
      sockets = [];
      sampled = true;
      send({ type: 'ready', connected: 0 });
      break;
    case 'report': {
      const state = phaseState(message.phase);
      send({
        type: 'report',
        phase: message.phase,
        latencies: Float64Array.from(state.latencies),
        delivered: state.latencies.length,
        duplicates,
        gaps,
        firstAt: state.firstAt,
        lastAt: state.lastAt,
      });
      phases.delete(message.phase);
      duplicates = 0;
      gaps = 0;
      break;
    }
    case 'exit':
      for (const socket of sockets) socket.close();
      process.exit(0);
  }
});

process.on('disconnect', () => process.exit(0));
