/**
 * The baseline of `fanout.ts`, forked as its own process like the real server: a bare HTTP
 * server and socket.io (the server's own copy, same version, same path and buffer limit).
 * `subscribe` joins the room without any check; `POST /broadcast` emits at once, to the room,
 * the event the real server sent (a template received over IPC) with the request's body in
 * place of the post's, so the payload has the same shape and size. No database, no session,
 * no validation: what socket.io alone costs.
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../support/server';

export type ToRawServer = { cmd: 'template'; event: unknown } | { cmd: 'exit' };
export type FromRawServer = { type: 'listening'; port: number };

interface MinimalSocket {
  join(room: string): void | Promise<void>;
  on(event: 'subscribe', handler: (payload: { room: string }, ack: (answer: unknown) => void) => void): void;
}
interface MinimalServer {
  on(event: 'connection', handler: (socket: MinimalSocket) => void): void;
  to(room: string): { emit(event: string, payload: unknown): void };
  close(): void;
}
type ServerConstructor = new (
  server: ReturnType<typeof createServer>,
  options: Record<string, unknown>,
) => MinimalServer;

// socket.io is a dependency of the server package, not of the tests: load the server's copy.
const requireFromServer = createRequire(join(repoRoot, 'server', 'package.json'));
const { Server } = requireFromServer('socket.io') as { Server: ServerConstructor };

let template: { room: string; seq: number; type: string; data: { post: Record<string, unknown> } } | null = null;
let seq = 0;

const http = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    if (request.method !== 'POST' || request.url !== '/broadcast' || !template) {
      response.writeHead(404).end();
      return;
    }
    const { body } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { body: string };
    seq += 1;
    const event = { ...template, seq, data: { post: { ...template.data.post, body } } };
    ioServer.to(template.room).emit('event', event);
    response.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});

// As long as Fastify keeps an idle connection (72 s): a client reusing it never finds it closed.
http.keepAliveTimeout = 72_000;

const ioServer = new Server(http, { path: '/socket.io', serveClient: false, maxHttpBufferSize: 16 * 1024 });
ioServer.on('connection', (socket) => {
  socket.on('subscribe', async (payload, ack) => {
    await socket.join(payload.room);
    ack({ ok: true, seq });
  });
});

process.on('message', (raw) => {
  const message = raw as ToRawServer;
  if (message.cmd === 'template') {
    template = message.event as NonNullable<typeof template>;
  } else {
    ioServer.close();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));

http.listen(0, '127.0.0.1', () => {
  const address = http.address() as { port: number };
  process.send?.({ type: 'listening', port: address.port } satisfies FromRawServer);
});
