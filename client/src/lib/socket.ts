import {
  type ClientToServerEvents,
  type EphemeralEventData,
  EphemeralEventSchema,
  type EphemeralEventType,
  PROTOCOL_VERSION,
  parseRealtimeEvent,
  type RealtimeEnvelope,
  RealtimeEnvelopeSchema,
  type RealtimeEventData,
  type RealtimeEventType,
  ReplayAckSchema,
  RevokedSchema,
  type ServerToClientEvents,
  SOCKET_PATH,
  SubscribeAckSchema,
} from '@atelier/contract';
import { io, type Socket } from 'socket.io-client';
import { createEffect, createRoot, createSignal, on, onCleanup } from 'solid-js';
import { session } from '../features/accounts/session.store';
import { api } from './api';

/**
 * The one socket.io connection of the page, and the rooms it follows. Imported only by the
 * discussion pages (lazy chunks), so socket.io-client never weighs on the home page.
 *
 * Exactly-once: every stored event carries a per-room `seq` (1, 2, 3 … without gaps). A room
 * remembers the last seq it delivered; anything at or below it is a duplicate and dropped, a
 * jump past `last + 1` is a gap and triggers a `replay` before anything newer is delivered. A
 * reconnect resubscribes every room and replays what was missed while away.
 */

/** `outdated`: the server speaks another protocol version (a deployment since the page loaded). */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'outdated';

/** A handler per stored event type, given that type's data (checked against the contract). */
export type EventHandlers = { [T in RealtimeEventType]?: (data: RealtimeEventData<T>) => void };
/** A handler per ephemeral event type (typing, presence). */
export type EphemeralHandlers = { [T in EphemeralEventType]?: (data: EphemeralEventData<T>) => void };

export interface RoomHandlers {
  /** Stored events, in seq order, once each. */
  on?: EventHandlers;
  ephemeral?: EphemeralHandlers;
  /** The missed events could not be fetched (refused, too old): read the state again over HTTP. */
  onResync?(): void;
  /**
   * The first subscription is acknowledged: events from here on will arrive. A page that read
   * its data before may read it again to cover what happened in between.
   */
  onSubscribed?(): void;
}

interface RoomState {
  handlers: Set<RoomHandlers>;
  /** Last delivered seq; null until the first subscribe ack. */
  last: number | null;
  /** A subscribe or replay is in flight: live events wait here, in arrival order. */
  busy: boolean;
  pending: RealtimeEnvelope[];
}

const ACK_TIMEOUT_MS = 10_000;

const [state, setState] = createSignal<ConnectionState>('connecting');
/** Reactive connection state, for the discreet "Reconnexion…" indicator. */
export const connectionState = state;

const rooms = new Map<string, RoomState>();
let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;

const NETWORK_ERROR = { ok: false, error: { code: 'network_error' } };

/** The server's answer to `subscribe` or `replay`, or a network error once the ack is late. */
async function ask<E extends 'subscribe' | 'replay'>(
  name: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<unknown> {
  const target = connect().timeout(ACK_TIMEOUT_MS);
  // socket.io types one event name at a time; E is one of two whose payloads are checked above.
  const emit = target.emitWithAck as (event: E, body: typeof payload) => Promise<unknown>;
  return emit.call(target, name, payload).catch(() => NETWORK_ERROR);
}

/** The HTTP fallback of `replay` (`API.md`), when the socket's answer did not come. */
async function httpReplay(room: string, afterSeq: number): Promise<unknown> {
  const query = `room=${encodeURIComponent(room)}&afterSeq=${afterSeq}`;
  return api.get(`/api/realtime/replay?${query}`).catch(() => NETWORK_ERROR);
}

function deliver(entry: RoomState, envelope: RealtimeEnvelope) {
  if (entry.last !== null && envelope.seq <= entry.last) return; // already shown
  entry.last = envelope.seq;
  // Sequenced first, then checked: an event of a type this page does not know still counts.
  const event = parseRealtimeEvent(envelope);
  if (!event) return;
  const { type, data } = event;
  for (const handler of entry.handlers) {
    // The contract pairs each type with its data; TypeScript cannot follow that through the map.
    const on = handler.on?.[type] as ((value: typeof data) => void) | undefined;
    on?.(data);
  }
}

function resync(entry: RoomState) {
  for (const handler of entry.handlers) handler.onResync?.();
}

/** Fetches every event after `entry.last` (in pages), then what arrived meanwhile. */
async function catchUp(room: string, entry: RoomState) {
  entry.busy = true;
  try {
    for (;;) {
      if (entry.last === null) break;
      let answer = ReplayAckSchema.safeParse(await ask('replay', { room, afterSeq: entry.last }));
      if (!answer.success || !answer.data.ok) answer = ReplayAckSchema.safeParse(await httpReplay(room, entry.last));
      if (!answer.success || !answer.data.ok) {
        // Nothing more to ask: the page reads its state again, and the waiting events are
        // taken from the first one on (a new gap would otherwise ask again, forever).
        resync(entry);
        const first = Math.min(...entry.pending.map((event) => event.seq));
        if (Number.isFinite(first)) entry.last = Math.max(entry.last, first - 1);
        break;
      }
      // Events older than the server keeps are gone: the page reads its state again; the
      // events that follow still apply on top (each handler merges by id).
      if (answer.data.pruned) resync(entry);
      for (const event of answer.data.events) deliver(entry, event);
      if (!answer.data.truncated) break;
    }
  } finally {
    flushPending(room, entry);
  }
}

function flushPending(room: string, entry: RoomState) {
  const waiting = entry.pending.sort((a, b) => a.seq - b.seq);
  entry.pending = [];
  entry.busy = false;
  for (const event of waiting) receive(room, entry, event);
}

function receive(room: string, entry: RoomState, event: RealtimeEnvelope) {
  if (entry.busy) {
    entry.pending.push(event);
    return;
  }
  if (entry.last === null || event.seq <= entry.last + 1) return deliver(entry, event);
  // A gap: fetch what is missing first; this event comes back with the replay or stays pending.
  entry.pending.push(event);
  void catchUp(room, entry);
}

async function subscribe(room: string, entry: RoomState) {
  entry.busy = true;
  const answer = SubscribeAckSchema.safeParse(await ask('subscribe', { room }));
  if (!rooms.has(room)) return;
  if (!answer.success || !answer.data.ok) {
    entry.busy = false;
    entry.pending = [];
    // Refused (not a network failure): the person may no longer read what the page shows,
    // which reads its state again and says so.
    const code = answer.success && !answer.data.ok ? answer.data.error.code : null;
    if (code === 'forbidden' || code === 'unauthenticated') resync(entry);
    return;
  }
  const seq = answer.data.seq;
  if (entry.last === null) {
    // First subscription: the page's HTTP data is the starting point, newer events follow.
    entry.last = seq;
    entry.pending = entry.pending.filter((event) => event.seq > seq);
    flushPending(room, entry);
    for (const handler of entry.handlers) handler.onSubscribed?.();
  } else if (seq > entry.last) {
    await catchUp(room, entry);
  } else {
    flushPending(room, entry);
  }
}

function connect() {
  if (socket) return socket;
  socket = io({ path: SOCKET_PATH, withCredentials: true, auth: { protocol: PROTOCOL_VERSION } });
  socket.on('connect', () => {
    setState('connected');
    for (const [room, entry] of rooms) void subscribe(room, entry);
  });
  socket.on('disconnect', (reason) => {
    setState('reconnecting');
    // socket.io reconnects by itself after a network loss, but not when the server closed the
    // socket (a process stopping, a session ended): come back, spread over a few seconds so that
    // every tab of a restarted server does not knock at once; the handshake says who we are now.
    if (reason === 'io server disconnect') setTimeout(() => socket?.connect(), Math.random() * 3000);
  });
  // Refused at the handshake for another protocol version: retrying cannot help, a reload will.
  socket.on('connect_error', (error) => {
    if (error.message !== 'protocol_mismatch') return;
    setState('outdated');
    socket?.disconnect();
  });
  socket.io.on('reconnect_attempt', () => setState('reconnecting'));
  socket.on('event', (raw) => {
    const parsed = RealtimeEnvelopeSchema.safeParse(raw);
    if (!parsed.success) return;
    const entry = rooms.get(parsed.data.room);
    if (entry) receive(parsed.data.room, entry, parsed.data);
  });
  // The server stopped sending a room (access changed): the page reads its state again, which
  // now says what the person may see; an ended session is read again too.
  socket.on('revoked', (raw) => {
    const parsed = RevokedSchema.safeParse(raw);
    if (!parsed.success) return;
    const entry = rooms.get(parsed.data.room);
    if (entry) {
      entry.last = null;
      entry.pending = [];
      resync(entry);
    }
    if (parsed.data.code === 'unauthenticated') void session.load();
  });
  socket.on('ephemeral', (raw) => {
    const parsed = EphemeralEventSchema.safeParse(raw);
    if (!parsed.success) return;
    const { room, type, data } = parsed.data;
    for (const handler of rooms.get(room)?.handlers ?? []) {
      const on = handler.ephemeral?.[type] as ((value: typeof data) => void) | undefined;
      on?.(data);
    }
  });
  return socket;
}

/**
 * The socket is authenticated at the handshake: when the person signs in or out, open a new
 * one so that the server sees who is reading now.
 */
let lastUser: string | null | undefined;
let followingSession = false;
function followSession() {
  if (followingSession) return;
  followingSession = true;
  // A root of its own: the effect outlives the component that first asked for a room.
  createRoot(() =>
    createEffect(
      on(
        () => (session.status() === 'loading' ? undefined : (session.user()?.id ?? null)),
        (user) => {
          if (user === undefined) return;
          if (lastUser !== undefined && user !== lastUser && socket) {
            socket.disconnect();
            socket.connect();
          }
          lastUser = user;
        },
      ),
    ),
  );
}

/** Follows `room` until the returned function is called (useRoom does it for components). */
export function joinRoom(room: string, handlers: RoomHandlers) {
  let entry = rooms.get(room);
  if (!entry) {
    entry = { handlers: new Set(), last: null, busy: false, pending: [] };
    rooms.set(room, entry);
    const target = connect();
    if (target.connected) void subscribe(room, entry);
  }
  entry.handlers.add(handlers);
  return () => {
    const current = rooms.get(room);
    if (!current) return;
    current.handlers.delete(handlers);
    if (current.handlers.size > 0) return;
    rooms.delete(room);
    if (socket?.connected) socket.emit('unsubscribe', { room });
  };
}

/**
 * Follows `room` (null: none) while the calling component lives; switches when it changes.
 * Events arrive once each, in seq order, including those missed while disconnected.
 */
export function useRoom(room: () => string | null, handlers: RoomHandlers) {
  followSession();
  createEffect(
    on(room, (name) => {
      if (!name) return;
      const leave = joinRoom(name, handlers);
      onCleanup(leave);
    }),
  );
}

/**
 * A quiet reload that races live events (the read after subscribing, or after a missed
 * stretch): an event that arrives while the read is in flight is applied again on top of its
 * answer, so a snapshot read just before the event cannot erase what the event brought.
 * What `live` applies must be idempotent (an upsert), as it already is for events delivered
 * at least once.
 */
export function createCatchUp() {
  const reloads = new Set<Array<() => void>>();
  return {
    live(apply: () => void) {
      apply();
      for (const missed of reloads) missed.push(apply);
    },
    async reload<T>(read: () => Promise<T>, use: (value: T) => void): Promise<void> {
      const missed: Array<() => void> = [];
      reloads.add(missed);
      try {
        use(await read());
        for (const apply of missed) apply();
      } finally {
        reloads.delete(missed);
      }
    },
  };
}

/** Tells the room's other readers that this person is writing (ephemeral, best effort). */
export function sendTyping(room: string) {
  if (socket?.connected) socket.emit('typing', { room });
}
