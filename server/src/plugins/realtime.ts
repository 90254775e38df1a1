import {
  type EphemeralEvent,
  type EphemeralEventData,
  type EphemeralEventType,
  HandshakeAuthSchema,
  REPLAY_LIMIT,
  type RealtimeEnvelope,
  type RealtimeEventData,
  type RealtimeEventType,
  type RoomKind,
  SOCKET_PATH,
} from '@atelier/contract';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Server } from 'socket.io';
import type { Config } from '../config';
import type { Db } from '../db/database';
import type { Actor } from '../policy/policy';
import { createRoomAccess, type RoomReadCheck } from '../policy/rooms';
import { findSessionActor } from './auth/sessions.queries';
import { arrivalScheme } from './forwarded';
import { currentSeq, insertEvents, listEventsAfter } from './realtime/events.queries';
import { identify, isAllowedOrigin } from './realtime/handshake';
import { createPresence } from './realtime/presence';
import { createRedisAdapter } from './realtime/redis-adapter';
import { createRevocation } from './realtime/revocation';
import { wireSocket } from './realtime/socket-handlers';
import { TokenBucket } from './realtime/token-bucket';
import { personalRoom, type RealtimeServer } from './realtime/types';

/** Hard cap of one socket.io message; a larger one closes the connection. */
const MAX_HTTP_BUFFER_BYTES = 16 * 1024;
/** Inbound socket events per second (sustained) and burst, per socket. */
const EVENTS_PER_SECOND = 20;
const EVENTS_BURST = 20;

/** `Publish` of a transaction run by the plugin: it answers with the stored events, one per room. */
export type StoredPublish = <T extends RealtimeEventType>(
  room: string | readonly string[],
  type: T,
  data: RealtimeEventData<T>,
) => Promise<RealtimeEnvelope[]>;

export interface Realtime {
  /** Sends events, already committed, to their rooms on every process. */
  emitCommitted(events: readonly RealtimeEnvelope[]): void;
  /** Runs `work` in a transaction; the events it publishes are emitted after the commit. */
  transaction<R>(work: (trx: Db, publish: StoredPublish) => Promise<R>): Promise<R>;
  /** Sends a not-stored event (no seq) to a room: typing, presence and the like. */
  emitEphemeral<T extends EphemeralEventType>(room: string, type: T, data: EphemeralEventData<T>): void;
  /** Declares who may read rooms of a kind (`thread`, `event`); the check asks the policy. */
  registerRoomKind(kind: RoomKind, check: RoomReadCheck): void;
  canRead(actor: Actor, room: string): Promise<boolean>;
  /** Stored events after `afterSeq` (access is the caller's business: see `canRead`). */
  replay(room: string, afterSeq: number): Promise<{ events: RealtimeEnvelope[]; truncated: boolean; pruned?: boolean }>;
  /** Distinct people subscribed to the room, on every process. */
  presence(room: string): Promise<number>;
  readonly io: RealtimeServer;
}

declare module 'fastify' {
  interface FastifyInstance {
    realtime: Realtime;
  }
}

/**
 * socket.io on the application's HTTP server (`/socket.io`). The handshake checks the Origin
 * and reads the session cookie; each subscribe and replay asks the policy (through the room
 * access registry) exactly as the HTTP routes do. Stored events get a per-room seq in the
 * writer's transaction and are emitted only after it commits, so a client never sees an event
 * for a change that was rolled back, and replay can always serve what a client missed.
 */
export const realtimePlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const { config } = options;
    const access = createRoomAccess();
    const redis = config.redisUrl ? createRedisAdapter(config.redisUrl, app.log) : undefined;
    let closing = false;

    const io: RealtimeServer = new Server(app.server, {
      path: SOCKET_PATH,
      serveClient: false,
      maxHttpBufferSize: MAX_HTTP_BUFFER_BYTES,
      // Leave other upgrade paths (the collab websocket) to their own handlers.
      destroyUpgrade: false,
      ...(redis ? { adapter: redis.adapter } : {}),
      allowRequest: (request, callback) => {
        if (closing) return callback('unavailable', false);
        const scheme = arrivalScheme(request, config.trustProxy);
        const allowed = isAllowedOrigin(request.headers.origin, request.headers.host, config.publicUrl, scheme);
        callback(allowed ? null : 'origin_forbidden', allowed);
      },
    });
    const presence = createPresence(io, { clustered: Boolean(redis), log: app.log });

    io.use(async (socket, next) => {
      // A page of another version would misread the events: it is told to reload instead.
      if (!HandshakeAuthSchema.safeParse(socket.handshake.auth).success) return next(new Error('protocol_mismatch'));
      try {
        const identity = await identify(app.db, config, socket.request);
        socket.data.actor = identity.actor;
        socket.data.displayName = identity.displayName;
        socket.data.sessionId = identity.sessionId;
        if (identity.actor) await socket.join(personalRoom(identity.actor.id));
        next();
      } catch (error) {
        app.log.error({ err: error }, 'realtime: handshake failed');
        next(new Error('internal_error'));
      }
    });

    const replay = (room: string, afterSeq: number) => listEventsAfter(app.db, room, afterSeq, REPLAY_LIMIT);

    const sessionActor = (sessionId: string) => findSessionActor(app.db, sessionId, config.session);
    const revocation = createRevocation(io, {
      decide: access.decide,
      sessionActor,
      presenceChanged: presence.schedule,
    });
    app.access.onChange(revocation.reevaluate);
    io.on('connection', (socket) => {
      wireSocket(socket, {
        log: app.log,
        currentActor: async (s) => (s.data.sessionId ? sessionActor(s.data.sessionId) : null),
        decide: access.decide,
        currentSeq: (room) => currentSeq(app.db, room),
        replay,
        presenceChanged: presence.schedule,
        joined: revocation.joined,
        accessEpoch: app.access.epoch,
        bucket: config.rateLimits.enabled ? new TokenBucket(EVENTS_BURST, EVENTS_PER_SECOND) : null,
      });
    });
    const emitCommitted = (events: readonly RealtimeEnvelope[]) => {
      for (const event of events) io.to(event.room).emit('event', event);
    };

    const realtime: Realtime = {
      emitCommitted,
      async transaction(work) {
        const { result, events } = await app.db.transaction().execute(async (trx) => {
          const published: RealtimeEnvelope[] = [];
          const publishInTrx: StoredPublish = async (room, type, data) => {
            const rooms = typeof room === 'string' ? [room] : room;
            const stored = await insertEvents(trx, [{ rooms, type, data }]);
            published.push(...stored);
            return stored;
          };
          return { result: await work(trx, publishInTrx), events: published };
        });
        emitCommitted(events);
        return result;
      },
      emitEphemeral: (room, type, data) => void io.to(room).emit('ephemeral', { room, type, data } as EphemeralEvent),
      registerRoomKind: access.register,
      canRead: access.canRead,
      replay,
      presence: presence.count,
      io,
    };
    app.decorate('realtime', realtime);

    // Before Fastify stops its HTTP server (which would wait for the long-lived socket
    // connections) and long before the database closes: refuse new handshakes, disconnect
    // this process's clients (they reconnect elsewhere and replay), stop the adapter.
    app.addHook('preClose', async () => {
      closing = true;
      presence.close();
      io.local.disconnectSockets(true);
      io.engine.close();
      await io.of('/').adapter.close();
    });
    app.addHook('onClose', async () => {
      await redis?.close();
    });
  },
  { name: 'realtime', dependencies: ['db', 'auth', 'access'] },
);
