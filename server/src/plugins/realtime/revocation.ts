import type { Actor } from '../../policy/policy';
import { type RoomAccess, roomRefusal } from '../../policy/rooms';
import type { AccessChange } from '../access';
import { personalRoom, type RealtimeServer, type RealtimeSocket } from './types';

export interface RevocationDeps {
  decide: RoomAccess['decide'];
  /** Who holds the session now; null once it was revoked or expired. */
  sessionActor(sessionId: string): Promise<Actor>;
  presenceChanged(room: string): void;
}

/** Rooms a client subscribed to have a kind and an id; socket ids and person rooms do not. */
const isSubscribed = (room: string) => room.includes(':');

/**
 * Takes this process's sockets out of the rooms their people may no longer read, after an
 * access change (`plugins/access.ts`): each process handles its own sockets, so nothing about
 * a socket ever needs to travel to another process. The space of each joined room is kept
 * (from the subscribe check) to find, when a space's rules change, the rooms it holds.
 */
export function createRevocation(io: RealtimeServer, deps: RevocationDeps) {
  const namespace = io.of('/');
  const roomSpaces = new Map<string, string | null>();
  namespace.adapter.on('delete-room', (room: string) => roomSpaces.delete(room));

  const socketsIn = (room: string): RealtimeSocket[] =>
    [...(namespace.adapter.rooms.get(room) ?? [])].flatMap((id) => namespace.sockets.get(id) ?? []);

  const revoke = (socket: RealtimeSocket, room: string, code: 'unauthenticated' | 'forbidden') => {
    socket.leave(room);
    socket.emit('revoked', { room, code });
    deps.presenceChanged(room);
  };

  async function reevaluate(change: AccessChange): Promise<void> {
    // One decision per person and room for the whole pass: a crowd of anonymous readers of a
    // space that turned private costs one check, not one per socket.
    const decisions = new Map<string, Promise<boolean>>();
    const readable = (actor: Actor, room: string) => {
      const key = `${actor?.id ?? ''}:${actor?.role ?? ''}|${room}`;
      let decision = decisions.get(key);
      if (!decision) {
        decision = deps.decide(actor, room).then((answer) => answer?.readable ?? false);
        decisions.set(key, decision);
      }
      return decision;
    };
    const recheck = async (socket: RealtimeSocket, room: string) => {
      if (socket.rooms.has(room) && !(await readable(socket.data.actor, room))) {
        revoke(socket, room, roomRefusal(socket.data.actor));
      }
    };

    if (change.scope === 'space') {
      const rooms = [...roomSpaces].filter(([, spaceId]) => spaceId === change.spaceId).map(([room]) => room);
      for (const room of rooms) for (const socket of socketsIn(room)) await recheck(socket, room);
      return;
    }
    for (const socket of socketsIn(personalRoom(change.userId))) {
      if (change.scope === 'user') {
        const actor = socket.data.sessionId ? await deps.sessionActor(socket.data.sessionId) : null;
        if (!actor) {
          // The session is over: the socket was this session's, so it goes; the client
          // reconnects as whoever it is now.
          for (const room of socket.rooms) if (isSubscribed(room)) revoke(socket, room, 'unauthenticated');
          socket.disconnect(true);
          continue;
        }
        socket.data.actor = actor;
      }
      for (const room of [...socket.rooms]) {
        if (!isSubscribed(room)) continue;
        if (change.scope === 'membership' && roomSpaces.get(room) !== change.spaceId) continue;
        await recheck(socket, room);
      }
    }
  }

  return {
    /** Remembers the space of a room a socket has just joined. */
    joined: (room: string, spaceId: string | null) => void roomSpaces.set(room, spaceId),
    reevaluate,
  };
}
