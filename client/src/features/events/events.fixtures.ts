import type { Event } from '@atelier/contract';

/** An event as the API sends it, for client tests: a visio permanence in Paris, 12 of 30 seats taken. */
export function anEvent(overrides: Partial<Event> = {}): Event {
  return {
    id: 'e1',
    title: 'Permanence',
    kind: 'permanence',
    startsAt: '2026-12-01T12:30:00+01:00',
    endsAt: '2026-12-01T13:30:00+01:00',
    seriesId: 's1',
    capacity: 30,
    registeredCount: 12,
    waitlistCount: 0,
    timezone: 'Europe/Paris',
    mode: 'visio',
    summary: '',
    space: null,
    address: null,
    accessibilityNote: null,
    registrationDeadline: null,
    cancelledAt: null,
    reportDocumentId: null,
    followUpThreadId: null,
    canManage: false,
    parentId: null,
    registrationQuestions: [],
    guestsAllowed: false,
    ...overrides,
  };
}
