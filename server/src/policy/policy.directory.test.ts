import { describe, expect, it } from 'vitest';
import { type Actor, canSeeDirectory } from './policy';

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
