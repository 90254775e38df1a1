import type { EventDetail } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { canLeave, registrationState, seatsLeft } from './event-state';
import { anEvent } from './events.fixtures';

const now = new Date('2026-11-20T10:00:00Z');

function detail(
  overrides: Partial<EventDetail['event']> = {},
  mine: EventDetail['myRegistration'] = null,
): EventDetail {
  return {
    event: anEvent(overrides),
    myRegistration: mine,
    followingSeries: false,
    attended: false,
    parent: null,
    sessions: [],
  };
}

describe('registration state', () => {
  it('offers a seat while some are left, or the waitlist when full', () => {
    expect(registrationState(detail(), now)).toEqual({ kind: 'open', seatsLeft: 18 });
    expect(registrationState(detail({ capacity: null }), now)).toEqual({ kind: 'open', seatsLeft: null });
    expect(registrationState(detail({ registeredCount: 30, waitlistCount: 2 }), now)).toEqual({ kind: 'full' });
  });

  it('tells people where they stand, even once it is full', () => {
    expect(registrationState(detail({ registeredCount: 30 }, { status: 'registered' }), now).kind).toBe('registered');
    expect(registrationState(detail({ registeredCount: 30 }, { status: 'waitlisted', position: 3 }), now)).toEqual({
      kind: 'waitlisted',
      position: 3,
    });
  });

  it('closes at the deadline (the start by default), and says when it ended or was cancelled', () => {
    expect(registrationState(detail({ registrationDeadline: '2026-11-19T00:00:00Z' }), now).kind).toBe('closed');
    expect(registrationState(detail({ startsAt: '2026-11-20T09:00:00Z' }), now).kind).toBe('closed');
    expect(
      registrationState(detail({ startsAt: '2026-11-19T09:00:00Z', endsAt: '2026-11-19T10:00:00Z' }), now).kind,
    ).toBe('ended');
    expect(registrationState(detail({ cancelledAt: '2026-11-18T09:00:00Z' }, { status: 'registered' }), now).kind).toBe(
      'cancelled',
    );
  });

  it('lets people leave until the start', () => {
    expect(canLeave(detail({}, { status: 'registered' }), now)).toBe(true);
    expect(canLeave(detail({}, null), now)).toBe(false);
    expect(canLeave(detail({ startsAt: '2026-11-20T09:00:00Z' }, { status: 'registered' }), now)).toBe(false);
  });

  it('never counts fewer than zero seats', () => {
    expect(seatsLeft({ capacity: 10, registeredCount: 12 })).toBe(0);
    expect(seatsLeft({ capacity: null, registeredCount: 12 })).toBeNull();
  });
});
