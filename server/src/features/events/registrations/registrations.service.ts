import type { Event, MyRegistration, RegistrationAnswers, RegistrationQuestion } from '@atelier/contract';
import { authorize } from '../../../core/authorize';
import { isUuid } from '../../../core/ids';
import { hashSecret, newSecret } from '../../../core/secrets';
import type { Db } from '../../../db/database';
import { AppError, notFound } from '../../../errors';
import type { Publish } from '../../../plugins/realtime/types';
import { canFollowSeries, canRegisterForEvent } from '../../../policy/events.policy';
import type { Actor } from '../../../policy/policy';
import { queuePush } from '../../push/delivery.service';
import { webhookEvents } from '../../webhooks/webhooks.content';
import { queueWebhooks } from '../../webhooks/webhooks.service';
import {
  eventAccess,
  eventCancelled,
  loadEventContext,
  loadEventSpaceFacts,
  registrationClosed,
} from '../events.access';
import { mailFacts, mailRecipient, questionsOf, registrationClosesAt, toEvent } from '../events.content';
import type { EventsDeps } from '../events.deps';
import { type EventRecord, findEvent, findSeriesById, lockEvent } from '../events.queries';
import { eventRooms } from '../events.realtime';
import {
  cancelRegistrationRow,
  findRegistration,
  findRegistrationByTokenHash,
  firstWaitlisted,
  overlappingSessionPlace,
  placeRegistration,
  promoteRegistration,
  recipientOf,
  type SeatCounts,
  seatCountsOf,
  sessionsHeldBy,
  setSeriesFollow,
  waitlistPosition,
} from './registrations.queries';
import { skipPassedReminders } from './reminders';

/** Announces the new counts in the event's rooms, in the transaction that changed them. */
export async function publishSeats(
  trx: Db,
  publish: Publish,
  event: { id: string; parent_id: string | null },
  known?: SeatCounts,
) {
  const counts = known ?? (await seatCountsOf(trx, event.id));
  for (const room of eventRooms(event)) {
    await publish(room, 'registration.changed', { eventId: event.id, ...counts });
  }
  await queueWebhooks(trx, { eventId: event.id }, webhookEvents.registrationChanged(event.id, counts));
  return counts;
}

/**
 * Gives freed seats to the waitlist, first come first served, while the caller holds the
 * event lock — in the same transaction as whatever freed them, so a seat is never free and
 * unclaimed in between. Nothing moves for a cancelled or finished event. Returns how many.
 */
export async function promoteFromWaitlist(deps: EventsDeps, trx: Db, event: EventRecord): Promise<number> {
  if (event.cancelled_at || new Date(event.ends_at) <= deps.now()) return 0;
  const { registeredCount } = await seatCountsOf(trx, event.id);
  const free = event.capacity === null ? Number.MAX_SAFE_INTEGER : event.capacity - registeredCount;
  const promoted = await firstWaitlisted(trx, event.id, Math.min(free, 10_000));
  for (const registration of promoted) {
    const token = newSecret();
    await promoteRegistration(trx, registration.id, hashSecret(token));
    await skipPassedReminders(deps, trx, registration.id, new Date(event.starts_at));
    const person = await recipientOf(trx, registration.user_id);
    await deps.mailer.sendPromoted(trx, mailRecipient(person), {
      event: mailFacts(event),
      videoUrl: event.video_url,
      cancelToken: token,
    });
    await queuePush(deps.jobs, trx, registration.user_id, { kind: 'promoted', eventId: event.id });
  }
  return promoted.length;
}

/**
 * The answers as the event's questions allow them: empty texts dropped, every required question
 * answered, none to a question it does not ask (400 `invalid_input`, by question).
 */
export function checkAnswers(questions: RegistrationQuestion[], given: RegistrationAnswers): RegistrationAnswers {
  const asked = new Set(questions.map((question) => question.key));
  const answers: Record<string, string> = {};
  const problems: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined || value === '') continue;
    if (asked.has(key as RegistrationQuestion['key'])) answers[key] = value;
    else problems[`body.answers.${key}`] = ['not_asked'];
  }
  for (const question of questions) {
    if (question.required && answers[question.key] === undefined)
      problems[`body.answers.${question.key}`] = ['required'];
  }
  if (Object.keys(problems).length > 0) {
    throw new AppError('invalid_input', 'the registration questions are not answered as asked', problems);
  }
  return answers as RegistrationAnswers;
}

/** One chooses a session holding a seat in its event, and one place per time slot. */
async function checkSessionChoice(trx: Db, parentId: string, session: EventRecord, userId: string) {
  const inEvent = await findRegistration(trx, parentId, userId);
  if (inEvent?.status !== 'registered') {
    throw new AppError('parent_registration_required', 'register for the event before choosing its sessions');
  }
  const other = await overlappingSessionPlace(
    trx,
    { id: session.id, parentId, startsAt: new Date(session.starts_at), endsAt: new Date(session.ends_at) },
    userId,
  );
  if (other) throw new AppError('session_overlap', `you already chose « ${other.title} » at that time`);
}

/**
 * `POST /events/:id/registrations`: a seat while there is one, else the end of the waitlist,
 * with the answers to the event's questions. A second sign-up while holding a seat or a place
 * answers 409 `already_registered` (nothing changes); after cancelling, one may sign up again
 * and goes to the back of the queue. A session needs a seat in its event and a free time slot.
 */
export async function register(
  deps: EventsDeps,
  input: { actor: Actor; eventId: string; answers: RegistrationAnswers },
): Promise<{ registration: MyRegistration }> {
  const context = await loadEventContext(deps.db, input.eventId, input.actor);
  authorize(context, canRegisterForEvent(context.actor, context.facts));
  const userId = context.actor?.id;
  if (!userId) throw new Error('unreachable: the policy lets no anonymous visitor register');
  const answers = checkAnswers(questionsOf(context.event), input.answers);
  const person = await recipientOf(deps.db, userId);
  const registration = await deps.transaction((trx, publish) =>
    registerIn(deps, trx, publish, { event: context.event, person, answers }),
  );
  return { registration };
}

/**
 * Places a person (a member, or a guest whose link was just followed) inside the caller's
 * transaction: the seat or the waitlist place, its announcement and its mail.
 */
export async function registerIn(
  deps: EventsDeps,
  trx: Db,
  publish: Publish,
  input: {
    event: Pick<EventRecord, 'id' | 'parent_id'>;
    person: Awaited<ReturnType<typeof recipientOf>>;
    answers: RegistrationAnswers;
  },
): Promise<MyRegistration> {
  const { person, answers } = input;
  const parentId = input.event.parent_id;
  // The lock serializes every sign-up and cancellation of this event (see lockEvent); a
  // session's event is locked first, in the same order as withdrawing from it.
  if (parentId) await lockEvent(trx, parentId);
  const event = await lockEvent(trx, input.event.id);
  if (!event) throw notFound('event');
  if (event.cancelled_at) throw eventCancelled();
  if (registrationClosesAt(event) <= deps.now()) throw registrationClosed();
  const existing = await findRegistration(trx, event.id, person.id);
  if (existing && existing.status !== 'cancelled') {
    throw new AppError('already_registered', 'you are already registered for this event');
  }
  if (parentId) await checkSessionChoice(trx, parentId, event, person.id);
  const { registeredCount, waitlistCount } = await seatCountsOf(trx, event.id);
  const status = event.capacity === null || registeredCount < event.capacity ? 'registered' : 'waitlisted';
  const token = newSecret();
  const row = await placeRegistration(trx, {
    eventId: event.id,
    userId: person.id,
    status,
    tokenHash: hashSecret(token),
    answers: JSON.stringify(answers),
  });
  const mine = Object.keys(answers).length > 0 ? { answers } : {};
  // Counted under the event lock just above: the new place is the only change since.
  await publishSeats(trx, publish, event, {
    registeredCount: registeredCount + (status === 'registered' ? 1 : 0),
    waitlistCount: waitlistCount + (status === 'waitlisted' ? 1 : 0),
  });
  if (status === 'registered') {
    await skipPassedReminders(deps, trx, row.id, new Date(event.starts_at));
    await deps.mailer.sendConfirmation(trx, mailRecipient(person), {
      event: mailFacts(event),
      videoUrl: event.video_url,
      cancelToken: token,
    });
    return { status, ...mine };
  }
  const position = await waitlistPosition(trx, row);
  await deps.mailer.sendWaitlisted(trx, mailRecipient(person), {
    event: mailFacts(event),
    position,
    cancelToken: token,
  });
  return { status, position, ...mine };
}

/**
 * Gives up a seat or a waitlist place; a freed seat goes to the next person waiting in the same
 * transaction. Anyone may withdraw their own registration, whatever access they have now.
 * Returns false when there was nothing to cancel.
 */
async function withdraw(deps: EventsDeps, eventId: string, userId: string): Promise<boolean> {
  return deps.transaction((trx, publish) => withdrawIn(deps, trx, publish, eventId, userId));
}

/**
 * Cancels a person's seat or waitlist place inside the caller's transaction: the waitlist is
 * promoted (with its mails) and the seats announced, as when they withdraw themselves; leaving
 * an event leaves its sessions too. Used by the erasure of an account, which cancels all of
 * them in one transaction.
 */
export async function withdrawIn(
  deps: EventsDeps,
  trx: Db,
  publish: Publish,
  eventId: string,
  userId: string,
): Promise<boolean> {
  // A session's event is locked first, in the same order as registering (no deadlock).
  const parentId = (await findEvent(trx, eventId))?.parent_id;
  if (parentId) await lockEvent(trx, parentId);
  const event = await lockEvent(trx, eventId);
  if (!event) return false;
  const registration = await findRegistration(trx, event.id, userId);
  if (!registration || registration.status === 'cancelled') return false;
  await cancelRegistrationRow(trx, registration.id);
  if (registration.status === 'registered') await promoteFromWaitlist(deps, trx, event);
  await publishSeats(trx, publish, event);
  for (const sessionId of await sessionsHeldBy(trx, event.id, userId)) {
    await withdrawIn(deps, trx, publish, sessionId, userId);
  }
  return true;
}

/** `DELETE /events/:id/registrations/me` → 204, also when there was nothing to cancel. */
export async function unregister(deps: EventsDeps, input: { actor: Actor; eventId: string }): Promise<void> {
  const context = await loadEventContext(deps.db, input.eventId, input.actor);
  const userId = context.actor?.id;
  if (!userId) return authorize(context, false);
  const withdrawn = await withdraw(deps, context.event.id, userId);
  // Nothing to withdraw from an event one may not know of: as unknown as any other id.
  if (!withdrawn && !context.known) throw notFound('event');
}

/**
 * `POST /registrations/cancel` `{ token }`: the one-click link of the mails, without a session.
 * The token names one registration; once used (or replaced by a newer mail's) it names none.
 */
export async function cancelByToken(deps: EventsDeps, input: { token: string }): Promise<{ event: Event }> {
  const registration = await findRegistrationByTokenHash(deps.db, hashSecret(input.token));
  if (!registration || registration.status === 'cancelled') throw notFound('registration');
  await withdraw(deps, registration.event_id, registration.user_id);
  const context = await loadEventContext(deps.db, registration.event_id, null);
  // Shown as to a visitor: the token proves a mailbox, not a session.
  return {
    event: toEvent(context.event, await seatCountsOf(deps.db, context.event.id), {
      showVideoUrl: false,
      canManage: false,
    }),
  };
}

/** `PUT|DELETE /series/:id/follow`: the series' occurrences join (or leave) one's calendar feed. */
export async function followSeries(
  deps: EventsDeps,
  input: { actor: Actor; seriesId: string; following: boolean },
): Promise<{ following: boolean }> {
  if (!isUuid(input.seriesId)) throw notFound('series');
  const series = await findSeriesById(deps.db, input.seriesId);
  if (!series) throw notFound('series');
  const facts = await loadEventSpaceFacts(deps.db, series.space_id, input.actor);
  authorize(eventAccess(input.actor, facts), canFollowSeries(input.actor, facts));
  const userId = input.actor?.id;
  if (!userId) throw new Error('unreachable: the policy lets no anonymous visitor follow');
  await setSeriesFollow(deps.db, userId, series.id, input.following);
  return { following: input.following };
}
