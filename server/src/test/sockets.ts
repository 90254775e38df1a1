import type { ClientToServerEvents, RealtimeEnvelope, ServerToClientEvents } from '@atelier/contract';
import { PROTOCOL_VERSION } from '@atelier/contract';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll } from 'vitest';
import type { App } from '../app';
import { createTestApp, type TestContext } from './app';
import type { TestPerson } from './factories/people';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Starts the test app on a free port of 127.0.0.1 and returns its base URL. */
export async function listen(ctx: TestContext): Promise<string> {
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ctx.app.server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

/**
 * A socket.io client as a browser page would open it (websocket only, so that tests do not
 * depend on the polling upgrade), carrying the given headers (Cookie, Origin). Resolves once
 * connected; rejects with the connection error otherwise.
 */
export async function connect(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    auth: { protocol: PROTOCOL_VERSION },
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return socket;
}

/** Emits with an ack, failing the test after 5 s without an answer. */
export function request<E extends keyof ClientToServerEvents>(
  socket: TestSocket,
  event: E,
  payload: unknown,
): Promise<unknown> {
  return (socket.timeout(5000) as unknown as Socket).emitWithAck(event, payload);
}

/**
 * What a client does to follow a room without losing or repeating anything: applies events in
 * seq order, ignores the ones it already has, and on a gap or after a reconnect asks for what
 * it missed with `replay`. `applied` is what the user would have seen.
 */
export class RoomFollower {
  readonly applied: RealtimeEnvelope[] = [];
  private lastSeq = 0;
  private catchingUp: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    readonly room: string,
    private socket: TestSocket,
  ) {}

  async start(socket: TestSocket = this.socket) {
    this.socket = socket;
    socket.on('event', (event) => {
      if (event.room !== this.room) return;
      if (event.seq === this.lastSeq + 1) this.apply(event);
      else if (event.seq > this.lastSeq + 1) this.catchUp();
    });
    const ack = (await request(socket, 'subscribe', { room: this.room })) as { ok: boolean; seq: number };
    if (!ack.ok) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
    if (ack.seq > this.lastSeq) this.catchUp();
    await this.idle();
  }

  get seqs() {
    return this.applied.map((event) => event.seq);
  }

  /**
   * Resolves once every replay asked so far has been answered, and fails if one failed on a
   * socket still connected. Awaited before a test ends, so that no ack is left pending when
   * its sockets close.
   */
  async idle(): Promise<void> {
    await this.catchingUp;
    if (this.failure) throw this.failure;
  }

  private apply(event: RealtimeEnvelope) {
    this.applied.push(event);
    this.lastSeq = event.seq;
  }

  /** Queues a replay after the ones in flight; `idle` waits for it and reports its failure. */
  private catchUp() {
    this.catchingUp = this.catchingUp.then(async () => {
      const socket = this.socket;
      // A socket that dropped leaves its replays unanswered: `start` on the next socket
      // catches up again. Any other failure is the test's.
      if (!socket.connected) return;
      try {
        for (;;) {
          const ack = (await request(socket, 'replay', { room: this.room, afterSeq: this.lastSeq })) as {
            ok: boolean;
            events: RealtimeEnvelope[];
            truncated: boolean;
          };
          if (!ack.ok) throw new Error(`replay refused: ${JSON.stringify(ack)}`);
          for (const event of ack.events) if (event.seq === this.lastSeq + 1) this.apply(event);
          if (!ack.truncated) return;
        }
      } catch (error) {
        if (socket.connected) this.failure ??= error;
      }
    });
  }
}

/**
 * The data of a real event type of the contract, carrying the number `n`: for tests of
 * sequencing, delivery and access, where what the event says does not matter.
 */
export const sampleData = (n: number) => ({
  eventId: '00000000-0000-4000-8000-000000000000',
  registeredCount: n,
  waitlistCount: 0,
});

/** Publishes one sample event numbered `n` in `room`, in its own transaction. */
export const publishSample = async (app: App, room: string, n: number) => {
  const [event] = await app.realtime.transaction((_trx, publish) =>
    publish(room, 'registration.changed', sampleData(n)),
  );
  if (!event) throw new Error('nothing was published');
  return event;
};

/** The number a sample event carries. */
export const sampleNumber = (event: RealtimeEnvelope) => (event.data as ReturnType<typeof sampleData>).registeredCount;

export interface SocketTestApp {
  /** The test app; set once the file's first `beforeAll` has run. */
  readonly ctx: TestContext;
  /** Connects a socket as `person` (anonymous when null); it is closed with the app. */
  open(person: TestPerson | null): Promise<TestSocket>;
}

/**
 * For socket tests: a test app listening on a free port, started before the file's tests and
 * closed after them with every socket opened through it. Call it at the top of the file,
 * before any `beforeAll` that uses `ctx`.
 */
export function socketTestApp(): SocketTestApp {
  let ctx: TestContext | undefined;
  let url = '';
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    ctx = await createTestApp();
    url = await listen(ctx);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await ctx?.close();
  });

  return {
    get ctx() {
      if (!ctx) throw new Error('socketTestApp: the app starts in beforeAll');
      return ctx;
    },
    async open(person) {
      const socket = await connect(url, person ? { cookie: person.headers.cookie ?? '' } : {});
      sockets.push(socket);
      return socket;
    },
  };
}
