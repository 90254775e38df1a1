import { createServer, type Server, type Socket as TcpSocket, connect as tcpConnect } from 'node:net';
import type { ClientToServerEvents, RealtimeEnvelope, ServerToClientEvents } from '@atelier/contract';
import { PROTOCOL_VERSION } from '@atelier/contract';
import { io, type Socket } from 'socket.io-client';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client as the app's page opens one; reconnects quickly when `reconnect`. */
export function openSocket(url: string, options: { cookie?: string; reconnect?: boolean } = {}): ClientSocket {
  return io(url, {
    auth: { protocol: PROTOCOL_VERSION },
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: options.cookie ? { cookie: options.cookie } : {},
    reconnection: options.reconnect ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
    forceNew: true,
  });
}

export function ask(socket: ClientSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<unknown> {
  return (socket.timeout(5000) as unknown as Socket).emitWithAck(event, payload);
}

/**
 * Follows a room as the client app does: applies events in seq order, drops the ones it has,
 * and on every (re)connection and on any gap asks `replay` for what it missed. `applied` is
 * what the person sees; `connections` counts the sockets' successful connections.
 */
export class RoomFollower {
  readonly applied: RealtimeEnvelope[] = [];
  /** The seq of every `event` as it arrived live, duplicates and all. */
  readonly live: number[] = [];
  connections = 0;
  private lastSeq = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly room: string,
    readonly socket: ClientSocket,
  ) {
    socket.on('event', (event) => {
      if (event.room !== room) return;
      this.live.push(event.seq);
      if (event.seq === this.lastSeq + 1) this.apply(event);
      else if (event.seq > this.lastSeq + 1) this.catchUp();
    });
    socket.on('connect', () => {
      this.connections += 1;
      this.chain = this.chain.then(async () => {
        const ack = (await ask(socket, 'subscribe', { room })) as { ok: boolean };
        if (!ack.ok) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
      });
      this.catchUp();
    });
  }

  /** Resolves once the subscribes and replays asked so far are answered (or cut short). */
  idle(): Promise<void> {
    return this.chain;
  }

  private apply(event: RealtimeEnvelope) {
    this.applied.push(event);
    this.lastSeq = event.seq;
  }

  private catchUp() {
    this.chain = this.chain
      .then(async () => {
        for (;;) {
          const ack = (await ask(this.socket, 'replay', { room: this.room, afterSeq: this.lastSeq })) as {
            ok: boolean;
            events: RealtimeEnvelope[];
            truncated: boolean;
          };
          if (!ack.ok) throw new Error(`replay refused: ${JSON.stringify(ack)}`);
          for (const event of ack.events) if (event.seq === this.lastSeq + 1) this.apply(event);
          if (!ack.truncated) return;
        }
      })
      // A replay cut short by a disconnection is asked again at the next connection.
      .catch(() => undefined);
  }
}

/**
 * A TCP load balancer in front of several server processes: each new connection goes to the
 * first backend that accepts it, so clients land on the second process once the first is dead
 * — what a real balancer's health checks do, without its delay.
 */
export async function startBalancer(backends: number[]): Promise<{ url: string; close(): Promise<void> }> {
  const open = new Set<TcpSocket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.pause();
    const attempt = (index: number) => {
      if (index >= backends.length) return client.destroy();
      const upstream = tcpConnect(backends[index] as number, '127.0.0.1');
      let connected = false;
      upstream.on('error', () => {
        if (connected) client.destroy();
        else attempt(index + 1);
      });
      upstream.once('connect', () => {
        connected = true;
        client.on('error', () => upstream.destroy());
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
