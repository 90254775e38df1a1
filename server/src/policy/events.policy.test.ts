import { describe, expect, it } from 'vitest';
import {
  canCreateEvent,
  canFollowSeries,
  canKnowEvent,
  canManageCalendarFeed,
  canManageEvent,
  canRegisterAsGuest,
  canRegisterForEvent,
  canSeeVideoLink,
  canViewEvent,
  type EventAccessFacts,
} from './events.policy';
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

const where: Record<'alliance' | 'public' | 'members' | 'private' | 'archived', SpaceFacts | null> = {
  alliance: null,
  public: { visibility: 'public', joinPolicy: 'open', status: 'active' },
  members: { visibility: 'members', joinPolicy: 'request', status: 'active' },
  private: { visibility: 'private', joinPolicy: 'invite', status: 'active' },
  archived: { visibility: 'public', joinPolicy: 'open', status: 'archived' },
};
type Where = keyof typeof where;

const facts = (who: Who, place: Where): EventAccessFacts => ({
  space: where[place],
  membership: where[place] === null ? null : people[who].membership,
});

/** Who (anonymous, member, nonMember, animateur, admin) gets `true` from `check` for events of `place`. */
const allowed = (place: Where, check: (actor: Actor, facts: EventAccessFacts) => boolean) =>
  WHO.filter((who) => check(people[who].actor, facts(who, place)));

describe('events policy, as a matrix of people × where the event belongs', () => {
  it('lets people know of events as they know of the space (404 otherwise)', () => {
    expect(allowed('alliance', canKnowEvent)).toEqual(WHO);
    expect(allowed('public', canKnowEvent)).toEqual(WHO);
    expect(allowed('members', canKnowEvent)).toEqual(WHO);
    expect(allowed('private', canKnowEvent)).toEqual(['member', 'animateur', 'admin']);
  });

  it('shows alliance and public events to everyone, the others to members and admins', () => {
    expect(allowed('alliance', canViewEvent)).toEqual(WHO);
    expect(allowed('public', canViewEvent)).toEqual(WHO);
    expect(allowed('members', canViewEvent)).toEqual(['member', 'animateur', 'admin']);
    expect(allowed('private', canViewEvent)).toEqual(['member', 'animateur', 'admin']);
  });

  it('lets the animateur·ices and admins manage a space’s events, admins alone the alliance’s', () => {
    expect(allowed('alliance', canManageEvent)).toEqual(['admin']);
    for (const place of ['public', 'members', 'private', 'archived'] as const) {
      expect(allowed(place, canManageEvent)).toEqual(['animateur', 'admin']);
    }
    expect(allowed('alliance', canCreateEvent)).toEqual(['admin']);
    expect(allowed('public', canCreateEvent)).toEqual(['animateur', 'admin']);
    expect(allowed('archived', canCreateEvent)).toEqual(['admin']);
  });

  it('lets signed-in people who see the event register and follow its series', () => {
    expect(allowed('alliance', canRegisterForEvent)).toEqual(['member', 'nonMember', 'animateur', 'admin']);
    expect(allowed('public', canRegisterForEvent)).toEqual(['member', 'nonMember', 'animateur', 'admin']);
    expect(allowed('members', canRegisterForEvent)).toEqual(['member', 'animateur', 'admin']);
    expect(allowed('private', canFollowSeries)).toEqual(['member', 'animateur', 'admin']);
  });

  it('lets guests register for alliance events and those of active public spaces that take them', () => {
    const guests = (space: SpaceFacts) => canRegisterAsGuest({ space, membership: null });
    expect(canRegisterAsGuest({ space: null, membership: null })).toBe(true);
    expect(guests({ visibility: 'public', status: 'active' })).toBe(false);
    expect(guests({ visibility: 'public', status: 'active', guestRegistration: true })).toBe(true);
    expect(guests({ visibility: 'public', status: 'archived', guestRegistration: true })).toBe(false);
    expect(guests({ visibility: 'members', status: 'active', guestRegistration: true })).toBe(false);
    expect(guests({ visibility: 'private', status: 'active', guestRegistration: true })).toBe(false);
  });

  it('gives the visio link to seat holders and managers, never to the waitlist or visitors', () => {
    const seat = { status: 'registered' as const };
    const waiting = { status: 'waitlisted' as const };
    const withSeat = (actor: Actor, f: EventAccessFacts) => canSeeVideoLink(actor, f, seat);
    const waitlisted = (actor: Actor, f: EventAccessFacts) => canSeeVideoLink(actor, f, waiting);
    const none = (actor: Actor, f: EventAccessFacts) => canSeeVideoLink(actor, f, null);
    expect(allowed('public', withSeat)).toEqual(['member', 'nonMember', 'animateur', 'admin']);
    expect(allowed('public', waitlisted)).toEqual(['animateur', 'admin']);
    expect(allowed('public', none)).toEqual(['animateur', 'admin']);
    expect(allowed('alliance', none)).toEqual(['admin']);
    // A seat kept after losing access to a private space opens nothing.
    expect(allowed('private', withSeat)).toEqual(['member', 'animateur', 'admin']);
  });

  it('keeps a membership that is someone else’s or pending from granting anything', () => {
    const pending: MembershipFacts = { userId: 'member', role: 'animateur', status: 'pending' };
    const borrowed: MembershipFacts = { userId: 'anim', role: 'animateur', status: 'active' };
    const actor: Actor = { id: 'member', role: 'member' };
    for (const membership of [pending, borrowed]) {
      const f = { space: where.members, membership };
      expect([canViewEvent(actor, f), canManageEvent(actor, f), canRegisterForEvent(actor, f)]).toEqual([
        false,
        false,
        false,
      ]);
    }
    expect(canManageCalendarFeed(null)).toBe(false);
    expect(canManageCalendarFeed(people.member.actor)).toBe(true);
  });
});
