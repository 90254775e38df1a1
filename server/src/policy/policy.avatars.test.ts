import { describe, expect, it } from 'vitest';
import { type Actor, type AvatarFacts, canSeeAvatar, type MembershipFacts, type SpaceFacts } from './policy';

const camille: Actor = { id: 'camille', role: 'member' };
const dominique: Actor = { id: 'dominique', role: 'member' };
const admin: Actor = { id: 'admin', role: 'admin' };

const person = (overrides: Partial<AvatarFacts> = {}): AvatarFacts => ({
  personId: 'camille',
  listedInDirectory: false,
  postedIn: [],
  ...overrides,
});
const space = (visibility: SpaceFacts['visibility']): SpaceFacts => ({
  visibility,
  joinPolicy: 'open',
  status: 'active',
});
const membershipOf = (actor: Actor, status: 'active' | 'pending' = 'active'): MembershipFacts =>
  actor ? { userId: actor.id, role: 'membre', status } : null;

describe('canSeeAvatar', () => {
  it('shows people their own picture, and admins everyone’s', () => {
    expect(canSeeAvatar(camille, person())).toBe(true);
    expect(canSeeAvatar(admin, person())).toBe(true);
  });

  it('shows a listed person’s picture to signed-in people only, as the directory', () => {
    expect(canSeeAvatar(dominique, person({ listedInDirectory: true }))).toBe(true);
    expect(canSeeAvatar(null, person({ listedInDirectory: true }))).toBe(false);
  });

  it('shows an author’s picture to whoever may read the threads they wrote in', () => {
    const inPublic = person({ postedIn: [{ space: space('public'), membership: null }] });
    expect(canSeeAvatar(null, inPublic)).toBe(true);
    expect(canSeeAvatar(dominique, inPublic)).toBe(true);

    const inMembers = (membership: MembershipFacts) => person({ postedIn: [{ space: space('members'), membership }] });
    expect(canSeeAvatar(dominique, inMembers(membershipOf(dominique)))).toBe(true);
    expect(canSeeAvatar(dominique, inMembers(membershipOf(dominique, 'pending')))).toBe(false);
    expect(canSeeAvatar(dominique, inMembers(null))).toBe(false);
    expect(canSeeAvatar(null, inMembers(null))).toBe(false);
  });

  it('keeps an unlisted person who wrote nowhere readable to themselves', () => {
    expect(canSeeAvatar(dominique, person())).toBe(false);
    expect(canSeeAvatar(null, person())).toBe(false);
    expect(canSeeAvatar(dominique, person({ postedIn: [{ space: space('private'), membership: null }] }))).toBe(false);
  });
});
