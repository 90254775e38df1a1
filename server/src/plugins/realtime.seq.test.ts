import type { RealtimeEnvelope } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../test/app';
import { createSpace } from '../test/factories/spaces';
import {
  connect,
  listen,
  publishSample,
  RoomFollower,
  request,
  sampleData,
  sampleNumber,
  type TestSocket,
} from '../test/sockets';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('realtime: every event once, in order, across reconnects', () => {
  let ctx: TestContext;
  let url: string;
  const sockets: TestSocket[] = [];
  /** A fresh room for each test: a public space's, which anyone may follow. */
  const freshRoom = async () =>
    `space:${(await createSpace(ctx.app.db, { visibility: 'public', joinPolicy: 'open' })).id}`;
  const publishOne = (room: string, n: number) => publishSample(ctx.app, room, n);

  beforeAll(async () => {
    ctx = await createTestApp();
    url = await listen(ctx);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await ctx.close();
  });

  it('numbers the events of 20 concurrent publishers 1 to 20 without gaps', async () => {
    const room = await freshRoom();
    const events = await Promise.all(range(1, 20).map((n) => publishOne(room, n)));
    expect(events.map((event) => event.seq).sort((a, b) => a - b)).toEqual(range(1, 20));
    const { events: stored, truncated } = await ctx.app.realtime.replay(room, 0);
    expect(stored.map((event) => event.seq)).toEqual(range(1, 20));
    expect(truncated).toBe(false);
    // Each stored event is the one its publisher was told about.
    for (const event of events) expect(stored[event.seq - 1]).toEqual(event);
  });

  it('gives a rolled-back number to the next writer, leaving no gap', async () => {
    const room = await freshRoom();
    await publishOne(room, 1);
    await expect(
      ctx.app.realtime.transaction(async (_trx, publish) => {
        await publish(room, 'registration.changed', sampleData(999));
        throw new Error('the change failed after publishing');
      }),
    ).rejects.toThrow('the change failed');
    await publishOne(room, 2);
    const { events } = await ctx.app.realtime.replay(room, 0);
    expect(events.map((event) => [event.seq, event.data])).toEqual([
      [1, sampleData(1)],
      [2, sampleData(2)],
    ]);
  });

  it('emits only after the commit, and nothing for a rolled-back change', async () => {
    const room = await freshRoom();
    const listener = await connect(url);
    sockets.push(listener);
    const received: RealtimeEnvelope[] = [];
    listener.on('event', (event) => received.push(event));
    expect(await request(listener, 'subscribe', { room })).toEqual({ ok: true, seq: 0, room });
    await ctx.app.realtime
      .transaction(async (_trx, publish) => {
        await publish(room, 'registration.changed', sampleData(999));
        throw new Error('abort');
      })
      .catch(() => undefined);
    await publishOne(room, 1);
    await expect.poll(() => received).toEqual([{ room, seq: 1, type: 'registration.changed', data: sampleData(1) }]);
  });

  it('replays exactly the events after the given seq, capped with a flag', async () => {
    const room = await freshRoom();
    for (const n of range(1, 5)) await publishOne(room, n);
    const socket = await connect(url);
    sockets.push(socket);
    const ack = (await request(socket, 'replay', { room, afterSeq: 2 })) as { events: RealtimeEnvelope[] };
    expect(ack).toMatchObject({ ok: true, truncated: false });
    expect(ack.events.map((event) => [event.seq, event.data])).toEqual([
      [3, sampleData(3)],
      [4, sampleData(4)],
      [5, sampleData(5)],
    ]);
    expect(await request(socket, 'replay', { room, afterSeq: 5 })).toEqual({ ok: true, events: [], truncated: false });

    const big = await freshRoom();
    await ctx.app.realtime.transaction(async (_trx, publish) => {
      for (const n of range(1, 501)) await publish(big, 'registration.changed', sampleData(n));
    });
    const first = await ctx.app.realtime.replay(big, 0);
    expect([first.events.length, first.truncated, first.events.at(-1)?.seq]).toEqual([500, true, 500]);
    const rest = await ctx.app.realtime.replay(big, 500);
    expect([rest.events.map((event) => event.seq), rest.truncated]).toEqual([[501], false]);
  });

  it('lets a client that drops mid-stream reconnect, replay, and see every event exactly once', async () => {
    const room = await freshRoom();
    const first = await connect(url);
    sockets.push(first);
    const follower = new RoomFollower(room, first);
    await follower.start();

    const total = 40;
    let published = 0;
    const publisher = (async () => {
      for (const n of range(1, total)) {
        await publishOne(room, n);
        published = n;
        // Let the socket breathe between publications, as a live thread would.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();

    try {
      await expect.poll(() => follower.applied.length).toBeGreaterThanOrEqual(5);
      first.disconnect(); // the train enters the tunnel
      const publishedWhileAway = published;
      await expect.poll(() => published).toBeGreaterThanOrEqual(Math.min(publishedWhileAway + 5, total));
      const second = await connect(url);
      sockets.push(second);
      await follower.start(second);
      await publisher;
      await expect.poll(() => follower.applied.length).toBe(total);
      // Replays asked on the way may still be out: answered before the socket closes.
      await follower.idle();
      expect(follower.seqs).toEqual(range(1, total));
      expect(follower.applied.map(sampleNumber)).toEqual(range(1, total));
    } finally {
      // However the waits above end, the publications are over before the app closes.
      await publisher.catch(() => undefined);
    }
  });
});
