import type { ClientToServerEvents, ServerToClientEvents } from '@atelier/contract';
import type { Server, Socket } from 'socket.io';
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
