import { describe, expect, it } from 'vitest';
import {
  canChooseNewsletters,
  canKnowNewsletter,
  canManageNewsletters,
  canReadNewsletter,
  canReadNewsletters,
  type NewsletterFacts,
} from './newsletters.policy';
import type { Actor, MembershipFacts, SpaceFacts } from './policy';

const people: Record<
  'anonymous' | 'member' | 'nonMember' | 'animateur' | 'admin',
  { actor: Actor; membership: MembershipFacts }
> = {
  anonymous: { actor: null, membership: null },
  member: {
    actor: { id: 'member', role: 'member' },
    membership: { userId: 'member', role: 'membre', status: 'active' },
  },
  nonMember: { actor: { id: 'outsider', role: 'member' }, membership: null },
  animateur: {
    actor: { id: 'anim', role: 'member' },
    membership: { userId: 'anim', role: 'animateur', status: 'active' },
  },
  admin: { actor: { id: 'admin', role: 'admin' }, membership: null },
};
type Who = keyof typeof people;
const WHO = Object.keys(people) as Who[];

const spaces: Record<'public' | 'members' | 'private' | 'archived', SpaceFacts> = {
  public: { visibility: 'public', joinPolicy: 'open', status: 'active' },
  members: { visibility: 'members', joinPolicy: 'request', status: 'active' },
  private: { visibility: 'private', joinPolicy: 'invite', status: 'active' },
  archived: { visibility: 'members', joinPolicy: 'request', status: 'archived' },
};
type Where = keyof typeof spaces;

const draft: NewsletterFacts = { status: 'draft' };
const sent: NewsletterFacts = { status: 'sent' };
const sending: NewsletterFacts = { status: 'sending' };

/** Who gets `true` from `check` in a space of `place`. */
const allowed = (place: Where, check: (actor: Actor, space: SpaceFacts, membership: MembershipFacts) => boolean) =>
  WHO.filter((who) => check(people[who].actor, spaces[place], people[who].membership));

describe('newsletters policy, as a matrix of people × spaces', () => {
  it('lets the animateur·ices and admins manage the infolettres, archived spaces included', () => {
    for (const place of ['public', 'members', 'private', 'archived'] as const) {
      expect(allowed(place, canManageNewsletters)).toEqual(['animateur', 'admin']);
    }
  });

  it('lets whoever reads the space read its archive', () => {
    expect(allowed('public', canReadNewsletters)).toEqual(WHO);
    expect(allowed('members', canReadNewsletters)).toEqual(['member', 'animateur', 'admin']);
    expect(allowed('private', canReadNewsletters)).toEqual(['member', 'animateur', 'admin']);
  });

  it('keeps drafts unknown (404) to all but those who manage them', () => {
    const knowsDraft = (a: Actor, s: SpaceFacts, m: MembershipFacts) => canKnowNewsletter(a, s, m, draft);
    const readsDraft = (a: Actor, s: SpaceFacts, m: MembershipFacts) => canReadNewsletter(a, s, m, draft);
    for (const place of ['public', 'members', 'private'] as const) {
      expect(allowed(place, knowsDraft)).toEqual(['animateur', 'admin']);
      expect(allowed(place, readsDraft)).toEqual(['animateur', 'admin']);
    }
  });

  it('shows a sent or sending issue as the space is shown, and reads it as the space is read', () => {
    for (const issue of [sent, sending]) {
      const knows = (a: Actor, s: SpaceFacts, m: MembershipFacts) => canKnowNewsletter(a, s, m, issue);
      const reads = (a: Actor, s: SpaceFacts, m: MembershipFacts) => canReadNewsletter(a, s, m, issue);
      expect(allowed('public', knows)).toEqual(WHO);
      expect(allowed('members', knows)).toEqual(WHO);
      expect(allowed('private', knows)).toEqual(['member', 'animateur', 'admin']);
      expect(allowed('public', reads)).toEqual(WHO);
      expect(allowed('members', reads)).toEqual(['member', 'animateur', 'admin']);
      expect(allowed('private', reads)).toEqual(['member', 'animateur', 'admin']);
    }
  });

  it('lets only active members choose to receive them (admins outside the space receive none)', () => {
    for (const place of ['public', 'members', 'private'] as const) {
      expect(allowed(place, canChooseNewsletters)).toEqual(['member', 'animateur']);
    }
  });

  it('grants nothing through a pending membership or someone else’s', () => {
    const pending: MembershipFacts = { userId: 'member', role: 'animateur', status: 'pending' };
    const borrowed: MembershipFacts = { userId: 'anim', role: 'animateur', status: 'active' };
    const actor: Actor = { id: 'member', role: 'member' };
    for (const membership of [pending, borrowed]) {
      expect([
        canManageNewsletters(actor, spaces.members, membership),
        canReadNewsletters(actor, spaces.members, membership),
        canKnowNewsletter(actor, spaces.private, membership, sent),
        canChooseNewsletters(actor, spaces.members, membership),
      ]).toEqual([false, false, false, false]);
    }
  });
});
