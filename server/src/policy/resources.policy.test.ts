import { describe, expect, it } from 'vitest';
import type { Actor, MembershipFacts, SpaceFacts } from './policy';
import { canAddResource, canReadResources, canRemoveResource } from './resources.policy';

/** The resources policy as a matrix: anonymous, non-member, member, animateur·ice, admin. */

const people = {
  anonymous: { actor: null, membership: null },
  outsider: { actor: { id: 'u-out', role: 'member' }, membership: null },
  pending: {
    actor: { id: 'u-pen', role: 'member' },
    membership: { userId: 'u-pen', role: 'membre', status: 'pending' },
  },
  member: { actor: { id: 'u-mem', role: 'member' }, membership: { userId: 'u-mem', role: 'membre', status: 'active' } },
  animateur: {
    actor: { id: 'u-ani', role: 'member' },
    membership: { userId: 'u-ani', role: 'animateur', status: 'active' },
  },
  admin: { actor: { id: 'u-adm', role: 'admin' }, membership: null },
} satisfies Record<string, { actor: Actor; membership: MembershipFacts }>;
const space = (visibility: SpaceFacts['visibility'], status: SpaceFacts['status'] = 'active'): SpaceFacts => ({
  visibility,
  status,
});
const ask = (
  rule: (actor: Actor, space: SpaceFacts, membership: MembershipFacts) => boolean,
  facts: SpaceFacts,
): Record<string, boolean> =>
  Object.fromEntries(Object.entries(people).map(([name, p]) => [name, rule(p.actor, facts, p.membership)]));

describe('canReadResources', () => {
  it('opens public spaces to everyone', () => {
    expect(ask(canReadResources, space('public'))).toEqual({
      anonymous: true,
      outsider: true,
      pending: true,
      member: true,
      animateur: true,
      admin: true,
    });
  });

  it.each(['members', 'private'] as const)('keeps %s spaces to active members and admins', (visibility) => {
    expect(ask(canReadResources, space(visibility))).toEqual({
      anonymous: false,
      outsider: false,
      pending: false,
      member: true,
      animateur: true,
      admin: true,
    });
  });

  it("does not trust someone else's membership row", () => {
    const other: MembershipFacts = { userId: 'u-mem', role: 'animateur', status: 'active' };
    expect(canReadResources(people.outsider.actor, space('members'), other)).toBe(false);
  });
});

describe('canAddResource', () => {
  it.each(['public', 'members', 'private'] as const)(
    'lets active members and admins add in %s spaces',
    (visibility) => {
      expect(ask(canAddResource, space(visibility))).toEqual({
        anonymous: false,
        outsider: false,
        pending: false,
        member: true,
        animateur: true,
        admin: true,
      });
    },
  );

  it('lets no one add to an archived space', () => {
    expect(Object.values(ask(canAddResource, space('members', 'archived')))).toEqual(Array(6).fill(false));
  });
});

describe('canRemoveResource', () => {
  const sharedBy = (id: string) => (actor: Actor, facts: SpaceFacts, membership: MembershipFacts) =>
    canRemoveResource(actor, facts, membership, { sharedBy: id });

  it('lets animateur·ices and admins remove anything, others only what they shared', () => {
    expect(ask(sharedBy('u-someone'), space('members'))).toEqual({
      anonymous: false,
      outsider: false,
      pending: false,
      member: false,
      animateur: true,
      admin: true,
    });
    expect(ask(sharedBy('u-mem'), space('members')).member).toBe(true);
  });

  it('lets people withdraw what they shared while they may still read the space', () => {
    // Left a public space: still readable, so still theirs to withdraw.
    expect(canRemoveResource(people.outsider.actor, space('public'), null, { sharedBy: 'u-out' })).toBe(true);
    // Left a members-only space: no longer theirs to touch.
    expect(canRemoveResource(people.outsider.actor, space('members'), null, { sharedBy: 'u-out' })).toBe(false);
    expect(canRemoveResource(null, space('public'), null, { sharedBy: 'u-out' })).toBe(false);
  });

  it('keeps removal possible in archived spaces for those who run them', () => {
    expect(ask(sharedBy('u-someone'), space('members', 'archived')).animateur).toBe(true);
  });
});
