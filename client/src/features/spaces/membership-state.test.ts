import type { JoinPolicy, Member, Membership } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import {
  countAfter,
  expectedMembership,
  isLastAnimateur,
  leavePlan,
  type MembershipInput,
  membershipAction,
  successorCandidates,
} from './membership-state';

const input = (overrides: Partial<MembershipInput> & { policy?: JoinPolicy; archived?: boolean }): MembershipInput => ({
  signedIn: true,
  isAdmin: false,
  space: { joinPolicy: overrides.policy ?? 'open', status: overrides.archived ? 'archived' : 'active' },
  membership: null,
  permissions: { join: false },
  ...overrides,
});

const active = (role: Membership['role'] = 'membre'): Membership => ({ status: 'active', role });
const pending: Membership = { status: 'pending', role: 'membre' };

describe('membershipAction', () => {
  it('offers "Rejoindre" on an open space the server lets the person join', () => {
    expect(membershipAction(input({ policy: 'open', permissions: { join: true } }))).toEqual({ kind: 'join' });
  });

  it('offers "Demander à rejoindre" on a space on request', () => {
    expect(membershipAction(input({ policy: 'request', permissions: { join: true } }))).toEqual({ kind: 'request' });
  });

  it('lets an admin join at once, whatever the policy', () => {
    for (const policy of ['request', 'invite'] as const) {
      expect(membershipAction(input({ policy, isAdmin: true, permissions: { join: true } }))).toEqual({
        kind: 'join',
      });
    }
  });

  it('says "Sur invitation" to a signed-in person who may not join an invite-only space', () => {
    expect(membershipAction(input({ policy: 'invite' }))).toEqual({ kind: 'inviteOnly' });
  });

  it('asks a visitor to sign in first, except where only an invitation lets people in', () => {
    expect(membershipAction(input({ signedIn: false, policy: 'open' }))).toEqual({ kind: 'signIn', policy: 'open' });
    expect(membershipAction(input({ signedIn: false, policy: 'request' }))).toEqual({
      kind: 'signIn',
      policy: 'request',
    });
    expect(membershipAction(input({ signedIn: false, policy: 'invite' }))).toEqual({ kind: 'inviteOnly' });
  });

  it('shows a pending request as such, whatever the permissions say', () => {
    expect(membershipAction(input({ policy: 'request', membership: pending, permissions: { join: true } }))).toEqual({
      kind: 'pending',
    });
  });

  it('shows members their role, even before the permissions catch up with an optimistic join', () => {
    expect(membershipAction(input({ membership: active(), permissions: { join: true } }))).toEqual({
      kind: 'member',
      role: 'membre',
    });
    expect(membershipAction(input({ membership: active('animateur'), archived: true }))).toEqual({
      kind: 'member',
      role: 'animateur',
    });
  });

  it('offers nothing to join in an archived space', () => {
    expect(membershipAction(input({ archived: true, permissions: { join: false } }))).toEqual({ kind: 'archived' });
    expect(membershipAction(input({ signedIn: false, archived: true }))).toEqual({ kind: 'archived' });
  });

  it('offers nothing when the server refuses an open space for its own reasons', () => {
    expect(membershipAction(input({ policy: 'open', permissions: { join: false } }))).toEqual({ kind: 'none' });
  });
});

describe('expectedMembership and countAfter', () => {
  it('expects an active membership in open spaces and for admins, a pending one otherwise', () => {
    expect(expectedMembership('open', false)).toEqual(active());
    expect(expectedMembership('request', false)).toEqual(pending);
    expect(expectedMembership('request', true)).toEqual(active());
  });

  it('counts only active members', () => {
    expect(countAfter(4, null, active())).toBe(5);
    expect(countAfter(4, null, pending)).toBe(4);
    expect(countAfter(4, active(), null)).toBe(3);
    expect(countAfter(4, pending, null)).toBe(4);
    expect(countAfter(0, active(), null)).toBe(0);
  });
});

const member = (id: string, displayName: string, role: Member['role'] = 'membre'): Member => ({
  user: { id, displayName, organisationName: null, organisationKind: null, territory: null, fantasticRole: null },
  role,
  status: 'active',
  joinedAt: '2026-01-05T10:00:00+01:00',
});

describe('leaving and successors', () => {
  const me = { id: 'me', displayName: 'Moi' };
  const other = { id: 'other', displayName: 'Autre' };

  it('withdraws a pending request, lets a membre leave', () => {
    expect(leavePlan(pending, [], 'me')).toBe('cancelRequest');
    expect(leavePlan(active(), [me], 'me')).toBe('leave');
  });

  it('asks the last animateur·ice to name a successor, not one among several', () => {
    expect(leavePlan(active('animateur'), [me], 'me')).toBe('chooseSuccessor');
    expect(leavePlan(active('animateur'), [me, other], 'me')).toBe('leave');
  });

  it('knows who is the last animateur·ice', () => {
    expect(isLastAnimateur('me', [me])).toBe(true);
    expect(isLastAnimateur('me', [me, other])).toBe(false);
    expect(isLastAnimateur('me', [])).toBe(false);
  });

  it('proposes every other active member, animateur·ices first, then by French name order', () => {
    const members = [
      member('me', 'Moi', 'animateur'),
      member('z', 'Zoé'),
      member('e', 'Élodie'),
      member('a', 'Arthur'),
      member('b', 'Bruno', 'animateur'),
      { ...member('p', 'Paul'), status: 'pending' as const },
    ];
    expect(successorCandidates(members, 'me').map((m) => m.user.id)).toEqual(['b', 'a', 'e', 'z']);
  });

  it('proposes nobody when the animateur·ice is alone', () => {
    expect(successorCandidates([member('me', 'Moi', 'animateur')], 'me')).toEqual([]);
  });
});
