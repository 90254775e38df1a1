import type {
  ClientToServerEvents,
  RealtimeEventData,
  RealtimeEventType,
  ServerToClientEvents,
} from '@atelier/contract';
import type { Server, Socket } from 'socket.io';
import type { Db } from '../../db/database';
import type { Actor } from '../../policy/policy';

/** Messages between the processes of one deployment (through the Redis adapter). */
export interface InterServerEvents {
  /** Each process answers with the people (user id, or socket id when anonymous) it holds in `room`. */
  'presence:keys': (room: string, reply: (keys: string[]) => void) => void;
}

/**
 * What a socket carries. Plain data only: the adapter may serialize it for another process,
 * and a value it cannot encode (a function, a class instance) would throw there.
 */
export interface SocketData {
  actor: Actor;
  displayName: string | null;
  /** The session it rides on; null for anonymous sockets. */
  sessionId: string | null;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** socket.io room that holds every socket of one signed-in person (never subscribable). */
export const personalRoom = (userId: string) => `person#${userId}`;

/**
 * Stores a realtime event in the current transaction; it is emitted once that commits. Typed
 * by the contract's list of events: the data must be the type's.
 */
export type Publish = <T extends RealtimeEventType>(
  room: string | readonly string[],
  type: T,
  data: RealtimeEventData<T>,
) => Promise<unknown>;

/**
 * What features get as `deps.transaction`: runs `work` in one transaction with a `publish`
 * bound to it, so the change, its realtime events, its mail and its jobs commit together or
 * not at all. In the app this is `app.realtime.transaction`.
 */
export type Transactional = <R>(work: (trx: Db, publish: Publish) => Promise<R>) => Promise<R>;

/** A transaction whose events go nowhere: for services driven by tests without the realtime plugin. */
export const silentTransaction =
  (db: Db): Transactional =>
  (work) =>
    db.transaction().execute((trx) => work(trx, async () => undefined));
