import type { RealtimeEnvelope } from '@atelier/contract';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

/** A socket.io client stand-in: the test plays the server's part (acks and events). */
const fake = vi.hoisted(() => {
  const listeners = new Map<string, Listener[]>();
  const emitted: { name: string; payload: { room: string; afterSeq?: number }; ack?: Listener }[] = [];
  const socket = {
    connected: false,
    io: { on: () => undefined },
    on(name: string, listener: Listener) {
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
      return socket;
    },
    timeout: () => ({
      // The test answers through `ack(error, answer)`, as socket.io's timeout callbacks do.
      emitWithAck: (name: string, payload: { room: string }) =>
        new Promise((resolve, reject) => {
          const ack: Listener = (error, answer) => (error ? reject(error) : resolve(answer));
          emitted.push({ name, payload, ack });
        }),
    }),
    emit: (name: string, payload: { room: string }) => emitted.push({ name, payload }),
    disconnect: () => undefined,
    connect: () => undefined,
  };
  const fire = (name: string, ...args: unknown[]) => {
    for (const listener of listeners.get(name) ?? []) listener(...args);
  };
  return { socket, emitted, fire };
});

vi.mock('socket.io-client', () => ({ io: () => fake.socket }));

const { createCatchUp, joinRoom } = await import('./socket');

/** A real event type of the contract, carrying its seq in its data (the test reads it back). */
const event = (room: string, seq: number): RealtimeEnvelope => ({
  room,
  seq,
  type: 'registration.changed',
  data: { eventId: '00000000-0000-4000-8000-000000000000', registeredCount: seq, waitlistCount: 0 },
});
const collect = (seen: number[]) => ({
  on: { 'registration.changed': (data: { registeredCount: number }) => void seen.push(data.registeredCount) },
});
const lastAck = (name: string) => {
  const found = fake.emitted.filter((item) => item.name === name).at(-1);
  if (!found?.ack) throw new Error(`no ${name} waiting`);
  return found;
};
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('useRoom exactly-once delivery', () => {
  beforeEach(() => {
    fake.emitted.length = 0;
  });

  it('starts after the subscribe seq, drops duplicates and fills a gap by replay, in order', async () => {
    const seen: number[] = [];
    const leave = joinRoom('thread:a', collect(seen));
    fake.socket.connected = true;
    fake.fire('connect');
    lastAck('subscribe').ack?.(null, { ok: true, seq: 3, room: 'thread:a' });
    await flush();

    fake.fire('event', event('thread:a', 3)); // already covered by the page's data
    fake.fire('event', event('thread:a', 4));
    fake.fire('event', event('thread:a', 4)); // twice on the wire, once on screen
    fake.fire('event', event('thread:a', 7)); // 5 and 6 went missing
    expect(seen).toEqual([4]);
    const replay = lastAck('replay');
    expect(replay.payload).toEqual({ room: 'thread:a', afterSeq: 4 });
    fake.fire('event', event('thread:a', 8)); // arrives while the replay is in flight
    replay.ack?.(null, {
      ok: true,
      events: [event('thread:a', 5), event('thread:a', 6), event('thread:a', 7)],
      truncated: false,
    });
    await flush();
    expect(seen).toEqual([4, 5, 6, 7, 8]);
    leave();
  });

  it('resubscribes after a reconnect and replays what was missed meanwhile', async () => {
    const seen: number[] = [];
    const leave = joinRoom('thread:b', collect(seen));
    lastAck('subscribe').ack?.(null, { ok: true, seq: 10, room: 'thread:b' });
    await flush();
    fake.fire('event', event('thread:b', 11));

    fake.fire('disconnect');
    fake.fire('connect');
    lastAck('subscribe').ack?.(null, { ok: true, seq: 13, room: 'thread:b' });
    await flush();
    const replay = lastAck('replay');
    expect(replay.payload).toEqual({ room: 'thread:b', afterSeq: 11 });
    replay.ack?.(null, { ok: true, events: [event('thread:b', 12), event('thread:b', 13)], truncated: false });
    await flush();
    fake.fire('event', event('thread:b', 13));
    expect(seen).toEqual([11, 12, 13]);
    leave();
  });

  it('reads the page again when the events it missed are older than the server keeps', async () => {
    const seen: number[] = [];
    let resyncs = 0;
    const leave = joinRoom('thread:c', { ...collect(seen), onResync: () => void resyncs++ });
    lastAck('subscribe').ack?.(null, { ok: true, seq: 2, room: 'thread:c' });
    await flush();

    fake.fire('disconnect');
    fake.fire('connect');
    lastAck('subscribe').ack?.(null, { ok: true, seq: 40, room: 'thread:c' });
    await flush();
    // Events 3 to 38 were pruned: the replay starts at 39.
    lastAck('replay').ack?.(null, {
      ok: true,
      events: [event('thread:c', 39), event('thread:c', 40)],
      truncated: false,
      pruned: true,
    });
    await flush();
    expect(resyncs).toBe(1);
    expect(seen).toEqual([39, 40]);
    leave();
  });

  it('comes back by itself when the server closed the socket, and leaves network losses to socket.io', () => {
    const leave = joinRoom('thread:d', collect([]));
    const connect = vi.spyOn(fake.socket, 'connect');
    vi.useFakeTimers();
    try {
      fake.fire('disconnect', 'transport close');
      vi.runAllTimers();
      expect(connect).not.toHaveBeenCalled();
      fake.fire('disconnect', 'io server disconnect');
      vi.runAllTimers();
      expect(connect).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
      connect.mockRestore();
      leave();
    }
  });
});

describe('a reload racing live events', () => {
  it('applies again, over the answer, what arrived while it was read, and nothing once it is done', async () => {
    const catchUp = createCatchUp();
    let posts: string[] = ['p1'];
    const add = (id: string) => () => {
      if (!posts.includes(id)) posts = [...posts, id];
    };
    let answer!: (snapshot: string[]) => void;
    const reading = catchUp.reload(
      () => new Promise<string[]>((resolve) => (answer = resolve)),
      (snapshot) => (posts = snapshot),
    );
    catchUp.live(add('p3'));
    expect(posts).toEqual(['p1', 'p3']);
    // The answer was read before p3 was stored: without the catch-up, p3 would be gone.
    answer(['p1', 'p2']);
    await reading;
    expect(posts).toEqual(['p1', 'p2', 'p3']);
    posts = ['p1'];
    catchUp.live(add('p4'));
    await catchUp.reload(
      async () => ['p1', 'p2', 'p3', 'p4'],
      (snapshot) => (posts = snapshot),
    );
    expect(posts).toEqual(['p1', 'p2', 'p3', 'p4']);
  });
});
