import { describe, expect, it } from 'vitest';
import type { Actor } from './policy';
import { canReadUserRoom, createRoomAccess, parseRoom, roomRefusal } from './rooms';

const person: Actor = { id: 'user-1', role: 'member' };
const admin: Actor = { id: 'admin-1', role: 'admin' };

describe('room access', () => {
  it('parses the four room kinds and nothing else', () => {
    expect(parseRoom('space:abc')).toEqual({ kind: 'space', id: 'abc', name: 'space:abc' });
    expect(parseRoom('thread:1')).toEqual({ kind: 'thread', id: '1', name: 'thread:1' });
    expect(parseRoom('lobby:1')).toBeNull();
    expect(parseRoom('space:')).toBeNull();
    expect(parseRoom('space')).toBeNull();
  });

  it('makes ids canonical, so that a room named in upper case is the one events go to', () => {
    expect(parseRoom('space:0F3A-BC')).toEqual({ kind: 'space', id: '0f3a-bc', name: 'space:0f3a-bc' });
  });

  it("keeps a person's room for that person, even from admins", () => {
    expect(canReadUserRoom(person, 'user-1')).toBe(true);
    expect(canReadUserRoom(person, 'user-2')).toBe(false);
    expect(canReadUserRoom(admin, 'user-1')).toBe(false);
    expect(canReadUserRoom(null, 'user-1')).toBe(false);
  });

  it('closes kinds that no feature registered and asks the registered check otherwise', async () => {
    const access = createRoomAccess();
    expect(await access.canRead(person, 'thread:t1')).toBe(false);
    access.register('thread', async (actor, id) => ({ readable: actor !== null && id === 't1', spaceId: 's1' }));
    expect(await access.canRead(person, 'thread:t1')).toBe(true);
    expect(await access.canRead(null, 'thread:t1')).toBe(false);
    expect(await access.canRead(person, 'user:user-1')).toBe(true);
    expect(await access.decide(person, 'thread:T1')).toEqual({ room: 'thread:t1', readable: true, spaceId: 's1' });
    expect(await access.decide(person, 'lobby:1')).toBeNull();
    expect(() => access.register('thread', async () => ({ readable: true, spaceId: null }))).toThrow(/already/);
  });

  it('asks anonymous visitors to sign in and refuses others', () => {
    expect(roomRefusal(null)).toBe('unauthenticated');
    expect(roomRefusal(person)).toBe('forbidden');
  });
});
