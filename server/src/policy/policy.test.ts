import { describe, expect, it } from 'vitest';
import { type Actor, actorFrom, canListSpace, canViewSpace, type MembershipFacts, type SpaceFacts } from './policy';

const anonymous: Actor = null;
const member: Actor = { id: 'user-1', role: 'member' };
const admin: Actor = { id: 'admin-1', role: 'admin' };

const space = (visibility: SpaceFacts['visibility']): SpaceFacts => ({ visibility });
const active: MembershipFacts = { userId: 'user-1', role: 'membre', status: 'active' };
const pending: MembershipFacts = { userId: 'user-1', role: 'membre', status: 'pending' };
const someoneElses: MembershipFacts = { userId: 'user-2', role: 'animateur', status: 'active' };

describe('canListSpace', () => {
  it('shows public and members-only spaces to everyone, anonymous visitors included', () => {
    for (const visibility of ['public', 'members'] as const) {
      expect(canListSpace(anonymous, space(visibility), null)).toBe(true);
      expect(canListSpace(member, space(visibility), null)).toBe(true);
      expect(canListSpace(admin, space(visibility), null)).toBe(true);
    }
  });

  it('shows a private space only to its active members and to admins', () => {
    const secret = space('private');
    expect(canListSpace(anonymous, secret, null)).toBe(false);
    expect(canListSpace(member, secret, null)).toBe(false);
    expect(canListSpace(member, secret, pending)).toBe(false);
    expect(canListSpace(member, secret, active)).toBe(true);
    expect(canListSpace(admin, secret, null)).toBe(true);
  });

  it("never counts someone else's membership", () => {
    expect(canListSpace(member, space('private'), someoneElses)).toBe(false);
    expect(canListSpace(anonymous, space('private'), someoneElses)).toBe(false);
  });
});

describe('canViewSpace', () => {
  it('opens public content to everyone', () => {
    expect(canViewSpace(anonymous, space('public'), null)).toBe(true);
    expect(canViewSpace(member, space('public'), null)).toBe(true);
  });

  it('keeps members-only and private content for active members and admins', () => {
    for (const visibility of ['members', 'private'] as const) {
      expect(canViewSpace(anonymous, space(visibility), null)).toBe(false);
      expect(canViewSpace(member, space(visibility), null)).toBe(false);
      expect(canViewSpace(member, space(visibility), pending)).toBe(false);
      expect(canViewSpace(member, space(visibility), someoneElses)).toBe(false);
      expect(canViewSpace(member, space(visibility), active)).toBe(true);
      expect(canViewSpace(admin, space(visibility), null)).toBe(true);
    }
  });

  it('never lets someone view content of a space they may not even see listed', () => {
    const actors = [anonymous, member, admin];
    const memberships = [null, active, pending, someoneElses];
    for (const visibility of ['public', 'members', 'private'] as const) {
      for (const actor of actors) {
        for (const membership of memberships) {
          if (canViewSpace(actor, space(visibility), membership)) {
            expect(canListSpace(actor, space(visibility), membership)).toBe(true);
          }
        }
      }
    }
  });
});

describe('actorFrom', () => {
  it('keeps only the id and role of a signed-in user', () => {
    expect(actorFrom(null)).toBeNull();
    const auth = { user: { id: 'u', role: 'admin' as const, email: 'admin@example.org' } };
    expect(actorFrom(auth)).toEqual({ id: 'u', role: 'admin' });
  });
});
