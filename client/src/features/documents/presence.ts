/**
 * "Who is here": the awareness states of everyone connected to a document, as a list of
 * people. One person in two tabs counts once; states without a user (a client that has not
 * said who it is yet) are left out. Awareness is outside data: only strings are kept.
 */
export interface CaretUser {
  /** The account id, or null for a visitor who is not signed in. */
  id: string | null;
  name: string;
  color: string;
}

export interface Presence extends CaretUser {
  clientId: number;
  self: boolean;
}

const MAX_NAME = 80;

function readUser(value: unknown): CaretUser | null {
  if (typeof value !== 'object' || value === null) return null;
  const user = value as Record<string, unknown>;
  if (typeof user.name !== 'string' || !user.name.trim()) return null;
  return {
    id: typeof user.id === 'string' ? user.id : null,
    name: user.name.trim().slice(0, MAX_NAME),
    color: typeof user.color === 'string' ? user.color : '',
  };
}

export function presentPeople(states: { clientId: number; user?: unknown }[], selfClientId: number): Presence[] {
  const people: Presence[] = [];
  const seen = new Map<string, Presence>();
  for (const state of states) {
    const user = readUser(state.user);
    if (!user) continue;
    const self = state.clientId === selfClientId;
    const known = user.id ? seen.get(user.id) : undefined;
    if (known) {
      known.self ||= self;
      continue;
    }
    const person: Presence = { ...user, clientId: state.clientId, self };
    if (user.id) seen.set(user.id, person);
    people.push(person);
  }
  // Oneself first, then everyone by name, so the list does not jump as people move.
  return people.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}
