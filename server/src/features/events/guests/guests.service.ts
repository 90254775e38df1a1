import type { Event, GuestRegistrationBody, MyRegistration, RegistrationAnswers } from '@atelier/contract';
import { hashSecret, newSecret } from '../../../core/secrets';
import { AppError, notFound } from '../../../errors';
import { canRegisterAsGuest } from '../../../policy/events.policy';
import { eventCancelled, loadEventContext, registrationClosed } from '../events.access';
import { answersOf, mailFacts, questionsOf, registrationClosesAt, toEvent } from '../events.content';
import type { EventsDeps } from '../events.deps';
import { findEvent } from '../events.queries';
import { findRegistration, recipientOf, seatCountsOf, waitlistPosition } from '../registrations/registrations.queries';
import { checkAnswers, registerIn } from '../registrations/registrations.service';
import {
  claimGuestRequest,
  countRecentRequests,
  findPersonByEmail,
  insertGuest,
  insertGuestRequest,
} from './guests.queries';

const HOUR = 60 * 60_000;
/** How long the mailed link works. */
export const GUEST_LINK_TTL_MS = 24 * HOUR;
/** Mails one address receives from guest requests in an hour, whoever asks: no one floods a mailbox. */
export const GUEST_MAILS_PER_HOUR = 3;

const invalidLink = () => new AppError('invalid_token', 'this link has expired or was already used');

/**
 * `POST /events/:id/guest-registrations`: a person without an account asks for a seat with
 * their name and address. Nothing is held yet: the mailed link confirms (it proves the
 * address). The answer is the same whatever the address, so it tells nothing about accounts;
 * an address with an account is mailed the way to sign in instead.
 */
export async function requestGuestRegistration(
  deps: EventsDeps,
  input: { eventId: string; body: GuestRegistrationBody },
): Promise<{ status: 'sent' }> {
  const context = await loadEventContext(deps.db, input.eventId, null);
  if (!context.known) throw notFound('event');
  if (!canRegisterAsGuest(context.facts) || context.event.parent_id !== null) {
    throw new AppError('guests_not_allowed', 'this event takes registrations with an account only');
  }
  const { event } = context;
  if (event.cancelled_at) throw eventCancelled();
  if (registrationClosesAt(event) <= deps.now()) throw registrationClosed();
  const answers = checkAnswers(questionsOf(event), input.body.answers ?? {});
  const email = input.body.email.toLowerCase();
  const now = deps.now();
  await deps.transaction(async (trx) => {
    const person = await findPersonByEmail(trx, email);
    if ((await countRecentRequests(trx, email, new Date(now.getTime() - HOUR))) >= GUEST_MAILS_PER_HOUR) return;
    const hasAccount = person !== undefined && !person.is_guest;
    const token = hasAccount ? null : newSecret();
    // Counted for accounts too (the mail to sign in), so that the cap holds for every address.
    await insertGuestRequest(trx, {
      eventId: event.id,
      email,
      displayName: input.body.displayName,
      answers: JSON.stringify(answers),
      tokenHash: hashSecret(token ?? newSecret()),
      expiresAt: new Date(now.getTime() + (token ? GUEST_LINK_TTL_MS : 0)),
    });
    await deps.mailer.sendGuestConfirmation(
      trx,
      { email, displayName: input.body.displayName, locale: 'fr' },
      { event: mailFacts(event), token },
    );
  });
  return { status: 'sent' };
}

/**
 * `POST /guest-registrations/confirm`: the mailed link, once. The address is proven: its guest
 * (made now if need be) takes a seat or a waitlist place like a member, with the same mails.
 * Following the link again after it was used is `invalid_token`; an address that holds a place
 * already keeps it (nothing doubles).
 */
export async function confirmGuestRegistration(
  deps: EventsDeps,
  input: { token: string },
): Promise<{ registration: MyRegistration; event: Event }> {
  const placed = await deps.transaction(async (trx, publish) => {
    const request = await claimGuestRequest(trx, hashSecret(input.token), deps.now());
    if (!request) throw invalidLink();
    const event = await findEvent(trx, request.event_id);
    if (!event) throw invalidLink();
    const person = await findPersonByEmail(trx, request.email);
    const userId =
      person?.id ?? (await insertGuest(trx, { email: request.email, displayName: request.display_name, locale: 'fr' }));
    const held = await findRegistration(trx, event.id, userId);
    if (held && held.status !== 'cancelled') return { eventId: event.id, userId };
    const answers: RegistrationAnswers = answersOf(request.answers);
    await registerIn(deps, trx, publish, { event, person: await recipientOf(trx, userId), answers });
    return { eventId: event.id, userId };
  });
  return presentConfirmed(deps, placed);
}

/** The place the link's address now holds, and the event as a visitor sees it (never the visio link). */
async function presentConfirmed(deps: EventsDeps, placed: { eventId: string; userId: string }) {
  const context = await loadEventContext(deps.db, placed.eventId, null);
  const registration = await findRegistration(deps.db, placed.eventId, placed.userId);
  if (!registration || registration.status === 'cancelled') throw invalidLink();
  const place: MyRegistration =
    registration.status === 'registered'
      ? { status: 'registered' }
      : { status: 'waitlisted', position: await waitlistPosition(deps.db, registration) };
  const counts = await seatCountsOf(deps.db, placed.eventId);
  return { registration: place, event: toEvent(context.event, counts, { showVideoUrl: false, canManage: false }) };
}
