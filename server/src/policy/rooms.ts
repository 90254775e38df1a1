import { ROOM_KINDS, type RoomKind } from '@atelier/contract';
import type { Actor } from './policy';
import { refusalOfKnown } from './refusal';

/**
 * Who may read a realtime room. The room names a thing (`space:<id>`, `thread:<id>`, …); the
 * feature that owns the thing registers a check that loads its facts and asks the policy
 * functions (canViewSpace, …), so subscribe, replay and the HTTP fallback decide exactly as
 * the HTTP routes do. A kind nobody registered is closed: nothing is readable by accident.
 */
export interface RoomDecision {
  readable: boolean;
  /**
   * The space the room's thing belongs to (null: none, or unknown). When that space's rules
   * change, the rooms it holds are checked again for everyone in them.
   */
  spaceId: string | null;
}
export type RoomReadCheck = (actor: Actor, id: string) => Promise<RoomDecision>;

export interface RoomRef {
  kind: RoomKind;
  id: string;
  /** The canonical name (`kind:id`, the id in lower case): the one socket.io room for the thing. */
  name: string;
}

/**
 * The room a client names, made canonical before any check: ids are uuids, which PostgreSQL
 * reads case-insensitively, so `space:ABC…` and `space:abc…` are one room — the one events are
 * emitted to. Without this, a subscription in upper case would pass the check and then
 * silently receive nothing.
 */
export function parseRoom(room: string): RoomRef | null {
  const colon = room.indexOf(':');
  if (colon < 1) return null;
  const kind = room.slice(0, colon);
  const id = room.slice(colon + 1).toLowerCase();
  if (!(ROOM_KINDS as readonly string[]).includes(kind) || id === '') return null;
  return { kind: kind as RoomKind, id, name: `${kind}:${id}` };
}

/** A person's own room (notifications, unread badges): that person only, admins included. */
export function canReadUserRoom(actor: Actor, userId: string): boolean {
  return actor !== null && actor.id === userId;
}

/**
 * How a refused read reads. Rooms never answer "not found": an unknown id is refused like a
 * forbidden one (see the checks), so the refusal is the rule's answer for a known thing —
 * anonymous visitors are asked to sign in, anyone else refused.
 */
export const roomRefusal = refusalOfKnown;

export interface RoomAccess {
  /** Declares who may read rooms of this kind; one check per kind. */
  register(kind: RoomKind, check: RoomReadCheck): void;
  /** The canonical room and the decision; null for a name that is no room. */
  decide(actor: Actor, room: string): Promise<(RoomDecision & { room: string }) | null>;
  canRead(actor: Actor, room: string): Promise<boolean>;
}

export function createRoomAccess(): RoomAccess {
  const checks = new Map<RoomKind, RoomReadCheck>([
    ['user', async (actor, id) => ({ readable: canReadUserRoom(actor, id), spaceId: null })],
  ]);
  const decide: RoomAccess['decide'] = async (actor, room) => {
    const ref = parseRoom(room);
    if (!ref) return null;
    const check = checks.get(ref.kind);
    const decision = check ? await check(actor, ref.id) : { readable: false, spaceId: null };
    return { room: ref.name, ...decision };
  };
  return {
    register(kind, check) {
      if (checks.has(kind)) throw new Error(`realtime: room kind '${kind}' already has a read check`);
      checks.set(kind, check);
    },
    decide,
    canRead: async (actor, room) => (await decide(actor, room))?.readable ?? false,
  };
}
