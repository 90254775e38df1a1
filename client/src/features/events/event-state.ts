import type { EventDetail } from '@atelier/contract';

/**
 * What the registration part of an event page says, decided once from the server's answer:
 * the page only chooses words and buttons for it.
 */
export type RegistrationState =
  | { kind: 'cancelled' }
  | { kind: 'registered' }
  | { kind: 'waitlisted'; position: number | null }
  | { kind: 'ended' }
  | { kind: 'closed' }
  | { kind: 'full' }
  | { kind: 'open'; seatsLeft: number | null };

/** Seats still free; null when the event has no limit. */
export function seatsLeft(event: { capacity: number | null; registeredCount: number }): number | null {
  return event.capacity === null ? null : Math.max(0, event.capacity - event.registeredCount);
}

export function registrationState(detail: EventDetail, now: Date): RegistrationState {
  const { event, myRegistration } = detail;
  if (event.cancelledAt) return { kind: 'cancelled' };
  if (myRegistration?.status === 'registered') return { kind: 'registered' };
  if (myRegistration?.status === 'waitlisted') return { kind: 'waitlisted', position: myRegistration.position ?? null };
  if (new Date(event.endsAt) <= now) return { kind: 'ended' };
  const deadline = new Date(event.registrationDeadline ?? event.startsAt);
  if (deadline <= now) return { kind: 'closed' };
  const left = seatsLeft(event);
  return left === 0 ? { kind: 'full' } : { kind: 'open', seatsLeft: left };
}

/** A person may leave their seat or their place on the waitlist until the event starts. */
export const canLeave = (detail: EventDetail, now: Date) =>
  detail.myRegistration !== null && !detail.event.cancelledAt && new Date(detail.event.startsAt) > now;
