import { describe, expect, it } from 'vitest';
import {
  canCreateDocument,
  canDeleteDocument,
  canEditDocument,
  canReadDocument,
  decideCollabAccess,
} from './documents.policy';
import type { Actor, MembershipFacts, SpaceFacts } from './policy';

const people = {
  anonymous: null,
  member: { id: 'm', role: 'member' },
  nonMember: { id: 'n', role: 'member' },
  animateur: { id: 'a', role: 'member' },
  admin: { id: 'z', role: 'admin' },
} satisfies Record<string, Actor>;
type Who = keyof typeof people;

const membershipOf = (who: Who): MembershipFacts => {
  if (who === 'member') return { userId: 'm', role: 'membre', status: 'active' };
  if (who === 'animateur') return { userId: 'a', role: 'animateur', status: 'active' };
  return null;
};

const spaces: Record<string, SpaceFacts | null> = {
  public: { visibility: 'public', joinPolicy: 'open', status: 'active' },
  members: { visibility: 'members', joinPolicy: 'request', status: 'active' },
  private: { visibility: 'private', joinPolicy: 'invite', status: 'active' },
  archived: { visibility: 'members', joinPolicy: 'request', status: 'archived' },
  alliance: null,
};

const whos: Who[] = ['anonymous', 'member', 'nonMember', 'animateur', 'admin'];

describe('documents policy', () => {
  it.each([
    ['public', 'read edit read edit edit'],
    ['members', 'unauthenticated edit forbidden edit edit'],
    ['private', 'not_found edit not_found edit edit'],
    ['archived', 'unauthenticated read forbidden read read'],
    ['alliance', 'read read read read edit'],
  ])('gives /collab access in a %s space: %s', (space, expected) => {
    const facts = spaces[space] ?? null;
    const answers = whos.map((who) => decideCollabAccess(people[who], facts, membershipOf(who)));
    expect(answers.join(' ')).toBe(expected);
  });

  it('reads, edits and creates consistently with the collab access', () => {
    for (const [name, facts] of Object.entries(spaces)) {
      for (const who of whos) {
        const access = decideCollabAccess(people[who], facts, membershipOf(who));
        expect(canEditDocument(people[who], facts, membershipOf(who)), `${who} ${name}`).toBe(access === 'edit');
        expect(canCreateDocument(people[who], facts, membershipOf(who)), `${who} ${name}`).toBe(access === 'edit');
        expect(canReadDocument(people[who], facts, membershipOf(who)), `${who} ${name}`).toBe(
          access === 'edit' || access === 'read',
        );
      }
    }
  });

  it('lets authors, animateur·ices and admins delete', () => {
    const facts = spaces.members ?? null;
    const byMember = { createdBy: 'm' };
    const byOther = { createdBy: 'someone' };
    expect(whos.map((who) => canDeleteDocument(people[who], facts, membershipOf(who), byMember))).toEqual([
      false,
      true,
      false,
      true,
      true,
    ]);
    expect(whos.map((who) => canDeleteDocument(people[who], facts, membershipOf(who), byOther))).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(whos.map((who) => canDeleteDocument(people[who], null, membershipOf(who), byMember))).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it('grants nothing for a pending request or someone else’s membership', () => {
    const facts = spaces.members ?? null;
    const pending: MembershipFacts = { userId: 'n', role: 'membre', status: 'pending' };
    expect(decideCollabAccess(people.nonMember, facts, pending)).toBe('forbidden');
    expect(decideCollabAccess(people.nonMember, facts, membershipOf('member'))).toBe('forbidden');
  });
});
