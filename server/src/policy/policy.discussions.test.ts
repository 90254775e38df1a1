import { describe, expect, it } from 'vitest';
import {
  type Actor,
  canDeletePost,
  canEditPost,
  canModerateThreads,
  canPostInSpace,
  canReadThreads,
  canTrackThread,
  type MembershipFacts,
  type SpaceFacts,
} from './policy';

const anonymous: Actor = null;
const person: Actor = { id: 'user-1', role: 'member' };
const admin: Actor = { id: 'admin-1', role: 'admin' };
const space = (visibility: SpaceFacts['visibility'], status: SpaceFacts['status'] = 'active'): SpaceFacts => ({
  visibility,
  status,
});
const membre: MembershipFacts = { userId: 'user-1', role: 'membre', status: 'active' };
const animateur: MembershipFacts = { userId: 'user-1', role: 'animateur', status: 'active' };
const pending: MembershipFacts = { userId: 'user-1', role: 'membre', status: 'pending' };
const someoneElses: MembershipFacts = { userId: 'user-2', role: 'animateur', status: 'active' };
const ownPost = { authorId: 'user-1' };
const otherPost = { authorId: 'user-9' };

describe('discussions policy', () => {
  it('lets whoever may view the space read its threads', () => {
    expect(canReadThreads(anonymous, space('public'), null)).toBe(true);
    expect(canReadThreads(anonymous, space('members'), null)).toBe(false);
    expect(canReadThreads(person, space('members'), pending)).toBe(false);
    expect(canReadThreads(person, space('private'), membre)).toBe(true);
    expect(canReadThreads(admin, space('private'), null)).toBe(true);
  });

  it('lets active members and admins post, never in archived spaces', () => {
    expect(canPostInSpace(anonymous, space('public'), null)).toBe(false);
    expect(canPostInSpace(person, space('public'), null)).toBe(false);
    expect(canPostInSpace(person, space('public'), pending)).toBe(false);
    expect(canPostInSpace(person, space('members'), membre)).toBe(true);
    expect(canPostInSpace(person, space('members'), someoneElses)).toBe(false);
    expect(canPostInSpace(admin, space('private'), null)).toBe(true);
    expect(canPostInSpace(person, space('public', 'archived'), membre)).toBe(false);
  });

  it('lets animateur·ices and admins moderate', () => {
    expect(canModerateThreads(person, space('public'), membre)).toBe(false);
    expect(canModerateThreads(person, space('public'), animateur)).toBe(true);
    expect(canModerateThreads(person, space('public'), someoneElses)).toBe(false);
    expect(canModerateThreads(admin, space('private'), null)).toBe(true);
  });

  it('lets authors edit their posts, and authors or moderators delete them', () => {
    expect(canEditPost(person, space('public'), membre, ownPost)).toBe(true);
    expect(canEditPost(person, space('public'), membre, otherPost)).toBe(false);
    expect(canEditPost(admin, space('public'), null, otherPost)).toBe(false);
    expect(canDeletePost(person, space('public'), membre, otherPost)).toBe(false);
    expect(canDeletePost(person, space('public'), animateur, otherPost)).toBe(true);
    // One who left a public space may still withdraw their own words.
    expect(canDeletePost(person, space('public'), null, ownPost)).toBe(true);
    expect(canDeletePost(person, space('private'), null, ownPost)).toBe(false);
  });

  it('keeps read positions and follows for signed-in readers only', () => {
    expect(canTrackThread(anonymous, space('public'), null)).toBe(false);
    expect(canTrackThread(person, space('public'), null)).toBe(true);
    expect(canTrackThread(person, space('members'), null)).toBe(false);
  });
});
