import { describe, expect, it } from 'vitest';
import { canBlock, canFlag, canKnowFlag, canModerate, canSeeAllFlags, canSeeHiddenPost } from './moderation.policy';
import type { Actor, MembershipFacts, SpaceFacts } from './policy';

const anonymous: Actor = null;
const person: Actor = { id: 'user-1', role: 'member' };
const admin: Actor = { id: 'admin-1', role: 'admin' };
const space = (visibility: SpaceFacts['visibility']): SpaceFacts => ({ visibility, status: 'active' });
const membre: MembershipFacts = { userId: 'user-1', role: 'membre', status: 'active' };
const animateur: MembershipFacts = { userId: 'user-1', role: 'animateur', status: 'active' };
const pendingAnimateur: MembershipFacts = { userId: 'user-1', role: 'animateur', status: 'pending' };
const someoneElses: MembershipFacts = { userId: 'user-2', role: 'animateur', status: 'active' };

describe('moderation policy', () => {
  it('lets signed-in readers flag what they read, but not their own and not anonymously', () => {
    expect(canFlag(person, { readable: true, authorId: 'user-9' })).toBe(true);
    expect(canFlag(person, { readable: true, authorId: null })).toBe(true);
    expect(canFlag(person, { readable: false, authorId: 'user-9' })).toBe(false);
    expect(canFlag(person, { readable: true, authorId: 'user-1' })).toBe(false);
    expect(canFlag(anonymous, { readable: true, authorId: 'user-9' })).toBe(false);
  });

  it('gives a space’s queue to its active animateur·ices and admins, alliance documents to admins', () => {
    for (const visibility of ['public', 'members', 'private'] as const) {
      expect(canModerate(person, space(visibility), animateur)).toBe(true);
      expect(canModerate(admin, space(visibility), null)).toBe(true);
      expect(canModerate(person, space(visibility), membre)).toBe(false);
      expect(canModerate(person, space(visibility), pendingAnimateur)).toBe(false);
      expect(canModerate(person, space(visibility), someoneElses)).toBe(false);
      expect(canModerate(anonymous, space(visibility), null)).toBe(false);
    }
    expect(canModerate(admin, null, null)).toBe(true);
    expect(canModerate(person, null, animateur)).toBe(false);
  });

  it('gives the queue of everything to admins only', () => {
    expect(canSeeAllFlags(admin)).toBe(true);
    expect(canSeeAllFlags(person)).toBe(false);
    expect(canSeeAllFlags(anonymous)).toBe(false);
  });

  it('shows a hidden post to its author and the space’s moderators only', () => {
    const post = { authorId: 'user-1' };
    const othersPost = { authorId: 'user-9' };
    expect(canSeeHiddenPost(person, space('public'), membre, post)).toBe(true);
    expect(canSeeHiddenPost(person, space('public'), membre, othersPost)).toBe(false);
    expect(canSeeHiddenPost(person, space('public'), animateur, othersPost)).toBe(true);
    expect(canSeeHiddenPost(admin, space('private'), null, othersPost)).toBe(true);
    expect(canSeeHiddenPost(anonymous, space('public'), null, othersPost)).toBe(false);
  });

  it('lets any signed-in person block', () => {
    expect(canBlock(person)).toBe(true);
    expect(canBlock(admin)).toBe(true);
    expect(canBlock(anonymous)).toBe(false);
  });
});

describe('canKnowFlag', () => {
  it('follows the space where there is one, and asks a session where there is none', () => {
    const member = { id: 'm', role: 'member' as const };
    expect(canKnowFlag(null, null, null)).toBe(false);
    expect(canKnowFlag(member, null, null)).toBe(true);
    expect(canKnowFlag(member, { visibility: 'private' }, null)).toBe(false);
    expect(canKnowFlag(null, { visibility: 'members' }, null)).toBe(true);
  });
});
