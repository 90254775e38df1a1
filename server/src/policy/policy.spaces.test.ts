import { describe, expect, it } from 'vitest';
import {
  type Actor,
  canCreateSpace,
  canJoinSpace,
  canLeaveSpace,
  canListSpace,
  canManageSpace,
  canSeeAnimateurs,
  canSeeMembers,
  canSeeOwnSpaces,
  canViewSpace,
  decideInvitationAcceptance,
  decideJoin,
  type MembershipFacts,
  type SpaceFacts,
} from './policy';

const anonymous: Actor = null;
const person: Actor = { id: 'user-1', role: 'member' };
const admin: Actor = { id: 'admin-1', role: 'admin' };

const space = (
  visibility: SpaceFacts['visibility'],
  joinPolicy: SpaceFacts['joinPolicy'] = 'open',
  status: SpaceFacts['status'] = 'active',
): SpaceFacts => ({ visibility, joinPolicy, status });
const membre: MembershipFacts = { userId: 'user-1', role: 'membre', status: 'active' };
const animateur: MembershipFacts = { userId: 'user-1', role: 'animateur', status: 'active' };
const pending: MembershipFacts = { userId: 'user-1', role: 'membre', status: 'pending' };
const pendingAnimateur: MembershipFacts = { userId: 'user-1', role: 'animateur', status: 'pending' };
const someoneElses: MembershipFacts = { userId: 'user-2', role: 'animateur', status: 'active' };
const VISIBILITIES = ['public', 'members', 'private'] as const;

describe('canCreateSpace', () => {
  it('is for admins only', () => {
    expect(canCreateSpace(admin)).toBe(true);
    expect(canCreateSpace(person)).toBe(false);
    expect(canCreateSpace(anonymous)).toBe(false);
  });
});

describe('canManageSpace', () => {
  it('lets active animateurs and admins run the space, whatever its visibility or status', () => {
    for (const visibility of VISIBILITIES) {
      for (const status of ['active', 'archived'] as const) {
        const s = space(visibility, 'open', status);
        expect(canManageSpace(person, s, animateur)).toBe(true);
        expect(canManageSpace(admin, s, null)).toBe(true);
        expect(canManageSpace(person, s, membre)).toBe(false);
        expect(canManageSpace(person, s, pendingAnimateur)).toBe(false);
        expect(canManageSpace(person, s, someoneElses)).toBe(false);
        expect(canManageSpace(anonymous, s, null)).toBe(false);
      }
    }
  });
});

describe('canSeeMembers', () => {
  it('shows the members of a public space to every signed-in person, never to anonymous visitors', () => {
    expect(canSeeMembers(person, space('public'), null)).toBe(true);
    expect(canSeeMembers(person, space('public'), pending)).toBe(true);
    expect(canSeeMembers(anonymous, space('public'), null)).toBe(false);
  });

  it('keeps members-only and private lists for active members and admins', () => {
    for (const visibility of ['members', 'private'] as const) {
      expect(canSeeMembers(person, space(visibility), null)).toBe(false);
      expect(canSeeMembers(person, space(visibility), pending)).toBe(false);
      expect(canSeeMembers(person, space(visibility), someoneElses)).toBe(false);
      expect(canSeeMembers(person, space(visibility), membre)).toBe(true);
      expect(canSeeMembers(admin, space(visibility), null)).toBe(true);
    }
  });

  it('never shows people of a space the actor may not know of', () => {
    for (const visibility of VISIBILITIES) {
      for (const actor of [anonymous, person, admin]) {
        for (const membership of [null, membre, pending, someoneElses]) {
          if (canSeeMembers(actor, space(visibility), membership)) {
            expect(canListSpace(actor, space(visibility), membership)).toBe(true);
          }
        }
      }
    }
  });
});

describe('canSeeAnimateurs', () => {
  it('names animateurs to signed-in people who may see the space, to nobody anonymous', () => {
    expect(canSeeAnimateurs(anonymous, space('public'), null)).toBe(false);
    expect(canSeeAnimateurs(person, space('members'), null)).toBe(true);
    expect(canSeeAnimateurs(person, space('private'), null)).toBe(false);
    expect(canSeeAnimateurs(person, space('private'), membre)).toBe(true);
  });
});

describe('decideJoin', () => {
  it('lets people into open spaces and records requests for request spaces', () => {
    expect(decideJoin(person, space('public', 'open'), null)).toEqual({ allowed: true, status: 'active' });
    expect(decideJoin(person, space('members', 'request'), null)).toEqual({ allowed: true, status: 'pending' });
  });

  it('refuses with a reason, in order: who, existence, membership, archive, policy', () => {
    expect(decideJoin(anonymous, space('private', 'invite', 'archived'), null)).toEqual({
      allowed: false,
      reason: 'unauthenticated',
    });
    expect(decideJoin(person, space('private', 'open'), null)).toEqual({ allowed: false, reason: 'not_found' });
    expect(decideJoin(person, space('public', 'open', 'archived'), membre)).toEqual({
      allowed: false,
      reason: 'already_member',
    });
    expect(decideJoin(person, space('public', 'open'), pending)).toEqual({ allowed: false, reason: 'already_member' });
    expect(decideJoin(person, space('public', 'open', 'archived'), null)).toEqual({
      allowed: false,
      reason: 'space_archived',
    });
    expect(decideJoin(person, space('members', 'invite'), null)).toEqual({ allowed: false, reason: 'forbidden' });
  });

  it('lets admins join any space they see at once, but not an archived one', () => {
    for (const joinPolicy of ['open', 'request', 'invite'] as const) {
      expect(decideJoin(admin, space('private', joinPolicy), null)).toEqual({ allowed: true, status: 'active' });
    }
    expect(canJoinSpace(admin, space('public', 'open', 'archived'), null)).toBe(false);
  });

  it("judges the actor's own membership only", () => {
    expect(decideJoin(person, space('public', 'open'), someoneElses)).toEqual({ allowed: true, status: 'active' });
  });
});

describe('canLeaveSpace', () => {
  it('lets anyone end their own membership or request, and nobody else’s', () => {
    expect(canLeaveSpace(person, membre)).toBe(true);
    expect(canLeaveSpace(person, pending)).toBe(true);
    expect(canLeaveSpace(person, null)).toBe(false);
    expect(canLeaveSpace(person, someoneElses)).toBe(false);
    expect(canLeaveSpace(anonymous, membre)).toBe(false);
  });
});

describe('decideInvitationAcceptance', () => {
  const invitation = { email: 'camille@exemple.fr', accountExists: true };
  it('accepts only for the invited address, whatever its case', () => {
    expect(decideInvitationAcceptance({ email: 'Camille@Exemple.fr' }, invitation)).toBe('accept');
    expect(decideInvitationAcceptance({ email: 'autre@exemple.fr' }, invitation)).toBe('wrong_account');
  });
  it('creates the account for anonymous visitors unless it exists', () => {
    expect(decideInvitationAcceptance(null, invitation)).toBe('sign_in_first');
    expect(decideInvitationAcceptance(null, { ...invitation, accountExists: false })).toBe('create_account');
  });
});

describe('consistency between decisions', () => {
  it('never lets someone manage, view or join what they may not know of', () => {
    for (const visibility of VISIBILITIES) {
      for (const joinPolicy of ['open', 'request', 'invite'] as const) {
        for (const actor of [anonymous, person, admin]) {
          for (const membership of [null, membre, animateur, pending, someoneElses]) {
            const s = space(visibility, joinPolicy);
            const listed = canListSpace(actor, s, membership);
            if (canManageSpace(actor, s, membership)) expect(listed).toBe(true);
            if (canViewSpace(actor, s, membership)) expect(listed).toBe(true);
            if (canJoinSpace(actor, s, membership)) expect(listed).toBe(true);
          }
        }
      }
    }
  });

  it('lists "Mes espaces" for signed-in people only', () => {
    expect(canSeeOwnSpaces(person)).toBe(true);
    expect(canSeeOwnSpaces(anonymous)).toBe(false);
  });
});
