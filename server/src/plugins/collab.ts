import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { COLLAB_PATH } from '@atelier/contract';
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { AppError } from '../errors';
import { createCollabRevocation } from '../features/documents/collab/collab.access';
import { createCollabServer } from '../features/documents/collab/server';
import type { LiveDocuments } from '../features/documents/documents.deps';
import { actorFrom } from '../policy/policy';
import { findSessionActor } from './auth/sessions.queries';
import { isAllowedOrigin } from './realtime/handshake';

declare module 'fastify' {
  interface FastifyInstance {
    /** The live shared documents (Hocuspocus), for the documents feature. */
    collab: LiveDocuments;
  }
}

/** Largest message a collab client may send (a long offline session's changes). */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** The upgrade request as the Fetch `Request` Hocuspocus hands to its hooks. */
function toFetchRequest(raw: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(`http://${raw.headers.host ?? 'localhost'}${raw.url ?? COLLAB_PATH}`, { headers });
}

/**
 * Hocuspocus on the websocket route `/collab`: live Yjs documents, persisted in PostgreSQL.
 * The upgrade goes through Fastify like any request, so the auth plugin has already read the
 * session cookie (`request.auth`); the Origin is checked here as for socket.io. Which
 * documents the socket may open, and whether read-only, is decided per document in the
 * Hocuspocus hooks (features/documents/collab/server.ts).
 */
export const collabPlugin = fp<{ config: Config }>(
  async (app: FastifyInstance, { config }) => {
    const collab = createCollabServer({
      db: app.db,
      log: app.log,
      redisUrl: config.redisUrl,
      accessEpoch: app.access.epoch,
    });
    app.decorate('collab', collab.live);
    const sessionActor = (sessionId: string) => findSessionActor(app.db, sessionId, config.session);
    app.access.onChange(createCollabRevocation(collab.hocuspocus, { db: app.db, sessionActor }));

    // @fastify/websocket answers every upgrade it sees, and socket.io listens on the same
    // server for its own path: hand it only the upgrades of `/collab`.
    // Once closing, new upgrades are cut at once: left unanswered they would hold the HTTP
    // server open (it waits for every socket) and the shutdown with it.
    const upgrades = new EventEmitter();
    let closing = false;
    const forward = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (request.url ?? '').split('?')[0];
      if (path !== COLLAB_PATH) return;
      if (closing) socket.destroy();
      else upgrades.emit('upgrade', request, socket, head);
    };
    app.server.on('upgrade', forward);

    await app.register(websocket, {
      options: { server: upgrades as never, maxPayload: MAX_MESSAGE_BYTES },
    });

    app.get(
      COLLAB_PATH,
      {
        websocket: true,
        preValidation: async (request) => {
          if (!isAllowedOrigin(request.headers.origin, request.headers.host, config.publicUrl, request.protocol)) {
            throw new AppError('origin_forbidden', 'websockets from this origin are not accepted');
          }
        },
      },
      (socket, request) => {
        const connection = collab.hocuspocus.handleConnection(socket, toFetchRequest(request.raw), {
          actor: actorFrom(request.auth),
          sessionId: request.auth?.session?.id ?? null,
          refuse: (code, reason) => socket.close(code, reason),
        });
        socket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
          const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
          connection.handleMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        });
        socket.on('close', (code: number, reason: Buffer) => {
          connection.handleClose({ code, reason: reason.toString() });
        });
      },
    );

    // Before the HTTP server closes (it waits for open sockets) and long before the database
    // pool does: every change applied is stored (bounded in time), the sockets are closed
    // with "going away" (clients reconnect, to the restarted process or another one), and
    // those still open after that are cut.
    app.addHook('preClose', async () => {
      closing = true;
      await collab.flush({
        closeSockets: () => {
          for (const client of app.websocketServer.clients) client.close(1001, 'server shutting down');
        },
      });
      for (const client of app.websocketServer.clients) client.terminate();
    });
    app.addHook('onClose', async () => {
      app.server.off('upgrade', forward);
    });
  },
  { name: 'collab', dependencies: ['db', 'auth', 'access'] },
);
