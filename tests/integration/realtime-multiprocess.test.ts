import { randomBytes } from 'node:crypto';
import type { RealtimeEnvelope } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, canCluster, startCluster } from '../support/cluster';
import { ask, type ClientSocket, openSocket, RoomFollower, startBalancer } from '../support/realtime';
import type { RunningServer } from '../support/server';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Two server processes on one PostgreSQL database and one Redis, as behind a load balancer.
 * Events are published through the test-only route (`NODE_ENV=test`) until posts exist.
 */
describe.skipIf(!canCluster)('realtime across two processes (Redis adapter)', () => {
  let cluster: Cluster;
  let a: RunningServer;
  let b: RunningServer;
  let room: string;
  const sockets: ClientSocket[] = [];

  /** Posts `count` messages numbered from `from` in the test's thread, through `server`. */
  const publish = async (server: RunningServer, count: number, from: number) => {
    for (let n = from; n < from + count; n++) {
      await post(server, `/api/threads/${threadId}/posts`, poster.headers, { body: `<p>Message ${n}</p>` });
    }
  };

  /** Signs a new person up on `server`: the cookie and CSRF token a browser would hold. */
  const register = async (server: RunningServer, displayName: string) => {
    const response = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `multi.${randomBytes(4).toString('hex')}@exemple.fr`,
        password: 'transition-2030!',
        displayName,
        acceptCharter: true,
      }),
    });
    if (response.status !== 201) throw new Error(`register: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { user: { id: string }; csrfToken: string };
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
    return { userId: body.user.id, cookie, headers: { cookie, 'x-csrf-token': body.csrfToken } };
  };
  const post = async (server: RunningServer, path: string, headers: Record<string, string>, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  let spaceSlug: string;
  let threadId: string;
  let poster: Awaited<ReturnType<typeof register>>;

  beforeAll(async () => {
    cluster = await startCluster();
    ({ a, b } = cluster);
    const spaces = (await (await fetch(`${a.url}/api/spaces`)).json()) as {
      items: { id: string; slug: string; visibility: string; joinPolicy: string }[];
    };
    const open = spaces.items.find((space) => space.visibility === 'public' && space.joinPolicy === 'open');
    if (!open) throw new Error('the seed has no public space open to all');
    spaceSlug = open.slug;
    poster = await register(a, 'Paule Publie');
    await post(a, `/api/spaces/${spaceSlug}/join`, poster.headers, {});
    const started = (await post(a, `/api/spaces/${spaceSlug}/threads`, poster.headers, {
      title: 'Fil à deux process',
      body: '<p>Ouverture</p>',
    })) as { thread: { id: string } };
    threadId = started.thread.id;
    room = `thread:${threadId}`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await a?.kill();
    await cluster?.close();
  });

  it('delivers on process B what was published through process A, and honours sessions on both', async () => {
    const listener = openSocket(b.url);
    sockets.push(listener);
    const received: RealtimeEnvelope[] = [];
    listener.on('event', (event) => received.push(event));
    await expect.poll(() => listener.connected, { timeout: 30_000 }).toBe(true);
    const { seq } = (await ask(listener, 'subscribe', { room })) as { seq: number };

    await publish(a, 3, 1);
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(3);
    expect(received.map((event) => [event.room, event.seq, event.type])).toEqual([
      [room, seq + 1, 'post.created'],
      [room, seq + 2, 'post.created'],
      [room, seq + 3, 'post.created'],
    ]);

    // A session opened on A is valid on B.
    const camille = await register(a, 'Camille Deux-Process');
    const person = openSocket(b.url, { cookie: camille.cookie });
    sockets.push(person);
    await expect.poll(() => person.connected, { timeout: 30_000 }).toBe(true);
    expect(await ask(person, 'subscribe', { room: `user:${camille.userId}` })).toEqual({
      ok: true,
      seq: 0,
      room: `user:${camille.userId}`,
    });
    expect(await ask(listener, 'subscribe', { room: `user:${camille.userId}` })).toEqual({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });

  it('delivers a post made through A to the thread listeners on B', async () => {
    const dominique = await register(a, 'Dominique Deux-Process');
    await post(a, `/api/spaces/${spaceSlug}/join`, dominique.headers, {});
    const started = (await post(a, `/api/spaces/${spaceSlug}/threads`, dominique.headers, {
      title: 'Récit partagé',
      body: '<p>Premier message</p>',
    })) as { thread: { id: string } };
    const threadRoom = `thread:${started.thread.id}`;
    const reader = openSocket(b.url, { cookie: dominique.cookie });
    sockets.push(reader);
    const received: RealtimeEnvelope[] = [];
    reader.on('event', (event) => received.push(event));
    await expect.poll(() => reader.connected, { timeout: 30_000 }).toBe(true);
    const ack = (await ask(reader, 'subscribe', { room: threadRoom })) as { ok: boolean; seq: number };
    expect(ack.ok).toBe(true);

    await post(a, `/api/threads/${started.thread.id}/posts`, dominique.headers, { body: '<p>Depuis A</p>' });
    await expect.poll(() => received.map((event) => event.type), { timeout: 30_000 }).toContain('post.created');
    const created = received.find((event) => event.type === 'post.created') as RealtimeEnvelope;
    expect(created.room).toBe(threadRoom);
    expect(created.seq).toBe(ack.seq + 1);
    expect(JSON.stringify(created.data)).toContain('Depuis A');
  });

  it('moves the clients of a killed process to the survivor, which replays with nothing lost or doubled', async () => {
    // The room already holds the events of the tests above (posts announce themselves there too).
    const before = (await (await fetch(`${b.url}/api/realtime/replay?room=${room}&afterSeq=0`)).json()) as {
      events: RealtimeEnvelope[];
    };
    const base = before.events.length;
    expect(before.events.map((event) => event.seq)).toEqual(range(1, base));
    const balancer = await startBalancer([a.port, b.port]);
    try {
      const socket = openSocket(balancer.url, { reconnect: true });
      sockets.push(socket);
      const follower = new RoomFollower(room, socket);
      const onB = new RoomFollower(room, openSocket(b.url, { reconnect: true }));
      sockets.push(onB.socket);
      await expect.poll(() => [follower.applied.length, onB.applied.length], { timeout: 30_000 }).toEqual([base, base]);

      await publish(a, 10, 1); // live, through A
      await expect.poll(() => follower.applied.length, { timeout: 30_000 }).toBe(base + 10);

      await a.kill(); // a crash: no goodbye to the clients
      await publish(b, 10, 11); // published while the client is away or reconnecting
      await expect.poll(() => follower.connections, { timeout: 30_000 }).toBe(2);
      await publish(b, 10, 21); // live again, on B
      const total = base + 30;
      await expect
        .poll(() => [follower.applied.length, onB.applied.length], { timeout: 30_000 })
        .toEqual([total, total]);
      // Replays asked on the way may still be out: answered before the sockets close.
      await Promise.all([follower.idle(), onB.idle()]);

      expect(follower.applied.map((event) => event.seq)).toEqual(range(1, total));
      expect(onB.applied.map((event) => event.seq)).toEqual(range(1, total));
      // B's listener never disconnected: it got the 30 new events live, each exactly once.
      expect(onB.live).toEqual(range(base + 1, total));
      expect(new Set(follower.applied.map((event) => JSON.stringify(event))).size).toBe(total);
    } finally {
      await balancer.close();
    }
  });
});
