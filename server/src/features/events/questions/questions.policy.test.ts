import { describe, expect, it } from 'vitest';
import {
  canMarkAttendance,
  canOpenFollowUp,
  canPublishReport,
  canReadQuestions,
  canRunQuestions,
  canSeeAttendedEvents,
  decideQuestionParticipation,
  type EventAccessFacts,
  type QuestionWindowFacts,
} from '../../../policy/events.policy';
import type { Actor, MembershipFacts, SpaceFacts } from '../../../policy/policy';

/**
 * The pure policy of questions, attendance and the compte rendu, as a matrix: anonymous,
 * non-member, member, animateur·ice, admin × space visibility (and alliance-wide events).
 */

const ACTORS = ['anonymous', 'outsider', 'member', 'animateur', 'admin'] as const;
type ActorName = (typeof ACTORS)[number];
const actors: Record<ActorName, Actor> = {
  anonymous: null,
  outsider: { id: 'u-outsider', role: 'member' },
  member: { id: 'u-member', role: 'member' },
  animateur: { id: 'u-animateur', role: 'member' },
  admin: { id: 'u-admin', role: 'admin' },
};
const membershipOf = (name: ActorName): MembershipFacts =>
  name === 'member' || name === 'animateur'
    ? { userId: `u-${name}`, role: name === 'animateur' ? 'animateur' : 'membre', status: 'active' }
    : null;

const SPACES = {
  public: { visibility: 'public', joinPolicy: 'open', status: 'active' },
  members: { visibility: 'members', joinPolicy: 'request', status: 'active' },
  private: { visibility: 'private', joinPolicy: 'invite', status: 'active' },
  alliance: null,
} as const satisfies Record<string, SpaceFacts | null>;
type SpaceName = keyof typeof SPACES;

const facts = (space: SpaceName, actor: ActorName): EventAccessFacts => ({
  space: SPACES[space],
  membership: membershipOf(actor),
});

const table = (check: (actor: Actor, facts: EventAccessFacts) => unknown) =>
  Object.fromEntries(
    (Object.keys(SPACES) as SpaceName[]).map((space) => [
      space,
      ACTORS.map((actor) => check(actors[actor], facts(space, actor))),
    ]),
  );

describe('reading questions', () => {
  it('follows who may see the event', () => {
    expect(table(canReadQuestions)).toEqual({
      public: [true, true, true, true, true],
      members: [false, false, true, true, true],
      private: [false, false, true, true, true],
      alliance: [true, true, true, true, true],
    });
  });
});

describe('running the event', () => {
  it('belongs to the space’s animateur·ices and admins, and to admins alone for alliance events', () => {
    const expected = {
      public: [false, false, false, true, true],
      members: [false, false, false, true, true],
      private: [false, false, false, true, true],
      alliance: [false, false, false, false, true],
    };
    for (const check of [canRunQuestions, canMarkAttendance, canPublishReport, canOpenFollowUp]) {
      expect(table(check)).toEqual(expected);
    }
  });
});

describe('asking and voting', () => {
  const open: QuestionWindowFacts = { registration: null, cancelled: false, ended: false };
  const decide = (state: QuestionWindowFacts) =>
    table((actor, f) => {
      const decision = decideQuestionParticipation(actor, f, state);
      return decision.allowed ? 'ok' : decision.reason;
    });

  it('without a registration: those who run the event only', () => {
    expect(decide(open)).toEqual({
      public: ['unauthenticated', 'not_registered', 'not_registered', 'ok', 'ok'],
      members: ['unauthenticated', 'forbidden', 'not_registered', 'ok', 'ok'],
      private: ['not_found', 'not_found', 'not_registered', 'ok', 'ok'],
      alliance: ['unauthenticated', 'not_registered', 'not_registered', 'not_registered', 'ok'],
    });
  });

  it('with a seat or a waitlist place: whoever may see the event', () => {
    for (const status of ['registered', 'waitlisted'] as const) {
      expect(decide({ ...open, registration: { status } })).toEqual({
        public: ['unauthenticated', 'ok', 'ok', 'ok', 'ok'],
        members: ['unauthenticated', 'forbidden', 'ok', 'ok', 'ok'],
        private: ['not_found', 'not_found', 'ok', 'ok', 'ok'],
        alliance: ['unauthenticated', 'ok', 'ok', 'ok', 'ok'],
      });
    }
  });

  it('a cancelled registration counts for nothing', () => {
    const decision = decideQuestionParticipation(actors.member, facts('public', 'member'), {
      ...open,
      registration: { status: 'cancelled' },
    });
    expect(decision).toEqual({ allowed: false, reason: 'not_registered' });
  });

  it('closes for everyone when the event is cancelled or over, cancellation first', () => {
    const registered = { status: 'registered' } as const;
    for (const actor of ['member', 'animateur', 'admin'] as const) {
      const f = facts('public', actor);
      expect(
        decideQuestionParticipation(actors[actor], f, { registration: registered, cancelled: true, ended: true }),
      ).toEqual({ allowed: false, reason: 'event_cancelled' });
      expect(
        decideQuestionParticipation(actors[actor], f, { registration: registered, cancelled: false, ended: true }),
      ).toEqual({ allowed: false, reason: 'questions_closed' });
    }
  });
});

describe('attended permanences', () => {
  it('are shown to the person and to admins only', () => {
    expect(ACTORS.map((name) => canSeeAttendedEvents(actors[name], 'u-member'))).toEqual([
      false,
      false,
      true,
      false,
      true,
    ]);
  });
});
