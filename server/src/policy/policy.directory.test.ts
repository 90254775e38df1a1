import { describe, expect, it } from 'vitest';
import { type Actor, canRunDigests, canSeeDirectory } from './policy';

describe('canSeeDirectory', () => {
  it('opens the directory to every signed-in member and admin', () => {
    const member: Actor = { id: 'user-1', role: 'member' };
    const admin: Actor = { id: 'admin-1', role: 'admin' };
    expect(canSeeDirectory(member)).toBe(true);
    expect(canSeeDirectory(admin)).toBe(true);
  });

  it('keeps it from anonymous visitors', () => {
    expect(canSeeDirectory(null)).toBe(false);
  });
});

describe('canRunDigests', () => {
  it('lets admins run the digests now, and nobody else', () => {
    expect(canRunDigests({ id: 'a', role: 'admin' })).toBe(true);
    expect(canRunDigests({ id: 'm', role: 'member' })).toBe(false);
    expect(canRunDigests(null)).toBe(false);
  });
});
