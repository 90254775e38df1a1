import {
  type Actor,
  canListSpace,
  canViewSpace,
  isActiveMember,
  isAdmin,
  type MembershipFacts,
  type SpaceFacts,
} from './policy';

// ── Events: agenda, registrations, calendars, the `event:<id>` room ───────────────────────
//
// Decisions for `features/events`. An event belongs to a space (`space` facts given) or to the
// whole alliance (`space` null). Routes first ask `canKnowEvent` (no → 404, so that events of
// private spaces stay secret), then the action's function (no → 401 for anonymous visitors,
// 403 otherwise). Cancelled, past or full events are states the service answers with 409.

/** The space an event belongs to and the actor's membership of it; `space` null: the alliance. */
export interface EventAccessFacts {
  space: SpaceFacts | null;
  membership: MembershipFacts;
}

const isActiveAnimateur = (actor: Actor, membership: MembershipFacts): boolean =>
  isActiveMember(actor, membership) && membership?.role === 'animateur';

/** May the actor know the event exists at all (else 404): whoever may know of its space. */
export function canKnowEvent(actor: Actor, { space, membership }: EventAccessFacts): boolean {
  return space === null || canListSpace(actor, space, membership);
}

/**
 * May the actor see the event (agenda, page, ICS, seat counter room). Alliance events are open
 * to everyone, signed in or not, like the permanence they announce; a space's events to whoever
 * may read the space's content.
 */
export function canViewEvent(actor: Actor, { space, membership }: EventAccessFacts): boolean {
  return space === null || canViewSpace(actor, space, membership);
}

/**
 * May the actor create, edit and cancel the event, and run it (questions, attendance): admins
 * always; for a space's events its active animateur·ices too. Alliance-wide events are the
 * admins' alone. Archived spaces take no new events, but their existing ones stay manageable.
 */
export function canManageEvent(actor: Actor, { space, membership }: EventAccessFacts): boolean {
  if (actor === null) return false;
  if (isAdmin(actor)) return true;
  if (space === null) return false;
  return canListSpace(actor, space, membership) && isActiveAnimateur(actor, membership);
}

/** Create an event (or a series) in that space, or alliance-wide when `space` is null. */
export function canCreateEvent(actor: Actor, facts: EventAccessFacts): boolean {
  if (facts.space?.status === 'archived' && !isAdmin(actor)) return false;
  return canManageEvent(actor, facts);
}

/**
 * Take a seat (or a waitlist place), cancel it, follow the series: signed-in people who may
 * see the event. Anyone may always withdraw their own registration (see the service), even
 * after losing access, so that a seat is never held hostage.
 */
export function canRegisterForEvent(actor: Actor, facts: EventAccessFacts): boolean {
  return actor !== null && canViewEvent(actor, facts);
}

/**
 * May a person without an account register with only their name and address: for an event
 * anyone may see, of the alliance (la permanence is « ouverte à tous·tes ») or of an active
 * space that takes guests. The mailed link is what proves the address.
 */
export function canRegisterAsGuest(facts: EventAccessFacts): boolean {
  if (!canViewEvent(null, facts)) return false;
  return facts.space === null || (facts.space.guestRegistration === true && facts.space.status !== 'archived');
}

/** Follow a whole series (its occurrences then appear in one's calendar feed). */
export const canFollowSeries = canRegisterForEvent;

/**
 * May the actor get the visio link: those who hold a seat, and those who manage the event —
 * never the waitlist, listings, ICS files, or anyone else. The link is what makes a seat worth
 * holding, and the room is capped by it.
 */
export function canSeeVideoLink(
  actor: Actor,
  facts: EventAccessFacts,
  registration: { status: 'registered' | 'waitlisted' | 'cancelled' } | null,
): boolean {
  if (canManageEvent(actor, facts)) return true;
  return actor !== null && registration?.status === 'registered' && canViewEvent(actor, facts);
}

/** A personal calendar feed (its URL and rotation): the signed-in person, for themselves. */
export function canManageCalendarFeed(actor: Actor): boolean {
  return actor !== null;
}

// ── Questions, attendance, compte rendu, follow-up ───────────────────────────────────────
//
// Decisions for `features/events/questions/` (questions, attendance, report). Asking and voting
// belong to the people registered (seat or waitlist) and to those who run the event; running
// the queue, marking attendance, publishing the compte rendu and opening the follow-up thread
// belong to those who manage it. A cancelled event takes no question or vote; an event that
// has ended takes none either (questions are asked before and during the session), but those
// who run it may still change statuses afterwards — transmitting a question to a chantier is
// often decided after the session.

/** Read an event's questions and follow them live: whoever may see the event. */
export const canReadQuestions = canViewEvent;

/** Why asking or voting is refused, as the API's error code. */
export type QuestionRefusal =
  | 'unauthenticated'
  | 'not_found'
  | 'forbidden'
  | 'event_cancelled'
  | 'questions_closed'
  | 'not_registered';
export type QuestionDecision = { allowed: true } | { allowed: false; reason: QuestionRefusal };

/** The event's state and the actor's own registration, as the participation rule needs them. */
export interface QuestionWindowFacts {
  registration: { status: 'registered' | 'waitlisted' | 'cancelled' } | null;
  cancelled: boolean;
  ended: boolean;
}

/**
 * May the actor ask a question or vote for one. Checked in this order: whether they may know
 * the event, who asks, whether they may see it, whether it is cancelled or over, then whether
 * they run it or hold a seat or a waitlist place (a cancelled registration counts for nothing).
 */
export function decideQuestionParticipation(
  actor: Actor,
  facts: EventAccessFacts,
  state: QuestionWindowFacts,
): QuestionDecision {
  if (!canKnowEvent(actor, facts)) return { allowed: false, reason: 'not_found' };
  if (actor === null) return { allowed: false, reason: 'unauthenticated' };
  if (!canViewEvent(actor, facts)) return { allowed: false, reason: 'forbidden' };
  if (state.cancelled) return { allowed: false, reason: 'event_cancelled' };
  if (state.ended) return { allowed: false, reason: 'questions_closed' };
  if (canManageEvent(actor, facts)) return { allowed: true };
  const status = state.registration?.status;
  if (status === 'registered' || status === 'waitlisted') return { allowed: true };
  return { allowed: false, reason: 'not_registered' };
}

/** Make a question current, answered, transmitted, or open again: those who manage the event. */
export const canRunQuestions = canManageEvent;
/** See who registered and who came, and mark attendance: those who manage the event. */
export const canMarkAttendance = canManageEvent;
/** Publish the compte rendu (a shared document) of the event: those who manage the event. */
export const canPublishReport = canManageEvent;
/**
 * Open the follow-up thread: those who manage the event. The thread is written in a space, so
 * the discussions service also asks `canPostInSpace` for the space it goes to.
 */
export const canOpenFollowUp = canManageEvent;

/**
 * See the permanences a person attended: that person, and admins. It says where someone was,
 * so it is not shown to other members, animateur·ices included.
 */
export function canSeeAttendedEvents(actor: Actor, personId: string): boolean {
  return actor !== null && (actor.id === personId || isAdmin(actor));
}
