import { ROOM_KINDS, type RoomKind } from '@atelier/contract';
import type { Actor } from './policy';

/**
 * Who may read a realtime room. The room names a thing (`space:<id>`, `thread:<id>`, …); the
 * feature that owns the thing registers a check that loads its facts and asks the policy
 * functions (canViewSpace, …), so subscribe, replay and the HTTP fallback decide exactly as
 * the HTTP routes do. A kind nobody registered is closed: nothing is readable by accident.
 */
export type RoomReadCheck = (actor: Actor, id: string) => Promise<boolean>;

export interface RoomRef {
  kind: RoomKind;
  id: string;
}

export function parseRoom(room: string): RoomRef | null {
  const colon = room.indexOf(':');
  if (colon < 1) return null;
  const kind = room.slice(0, colon);
  const id = room.slice(colon + 1);
  if (!(ROOM_KINDS as readonly string[]).includes(kind) || id === '') return null;
  return { kind: kind as RoomKind, id };
}

/** A person's own room (notifications, unread badges): that person only, admins included. */
export function canReadUserRoom(actor: Actor, userId: string): boolean {
  return actor !== null && actor.id === userId;
}

/** How a refused read reads: anonymous visitors are asked to sign in, anyone else refused. */
export const roomRefusal = (actor: Actor): 'unauthenticated' | 'forbidden' =>
  actor === null ? 'unauthenticated' : 'forbidden';

export interface RoomAccess {
  /** Declares who may read rooms of this kind; one check per kind. */
  register(kind: RoomKind, check: RoomReadCheck): void;
  canRead(actor: Actor, room: string): Promise<boolean>;
}

export function createRoomAccess(): RoomAccess {
  const checks = new Map<RoomKind, RoomReadCheck>([['user', async (actor, id) => canReadUserRoom(actor, id)]]);
  return {
    register(kind, check) {
      if (checks.has(kind)) throw new Error(`realtime: room kind '${kind}' already has a read check`);
      checks.set(kind, check);
    },
    async canRead(actor, room) {
      const ref = parseRoom(room);
      const check = ref && checks.get(ref.kind);
      if (!ref || !check) return false;
      return check(actor, ref.id);
    },
  };
}
