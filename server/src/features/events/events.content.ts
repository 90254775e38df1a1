import {
  type Event,
  type RegistrationAnswers,
  RegistrationAnswersSchema,
  type RegistrationQuestion,
  RegistrationQuestionsSchema,
} from '@atelier/contract';
import { canRegisterAsGuest } from '../../policy/events.policy';
import { eventSpaceFacts } from './events.access';
import type { EventMailFacts, EventRecipient } from './events.mail';
import type { EventRecord } from './events.queries';
import type { SeatCounts } from './registrations/registrations.queries';
import { formatInTimeZone } from './series/zoned-time';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/**
 * The API shape of an event. Times carry the event's own offset (`+01:00` in Paris winter);
 * `videoUrl` is added only when the caller's policy answer says so.
 */
export function toEvent(
  record: EventRecord,
  counts: SeatCounts,
  view: { showVideoUrl: boolean; canManage: boolean },
): Event {
  const startsAt = new Date(record.starts_at);
  const endsAt = new Date(record.ends_at);
  return {
    id: record.id,
    title: record.title,
    kind: record.kind,
    startsAt: formatInTimeZone(startsAt, record.timezone),
    endsAt: formatInTimeZone(endsAt, record.timezone),
    seriesId: record.series_id,
    capacity: record.capacity,
    registeredCount: counts.registeredCount,
    waitlistCount: counts.waitlistCount,
    timezone: record.timezone,
    mode: record.mode,
    summary: record.summary,
    space:
      record.space_id && record.space_slug && record.space_title
        ? { id: record.space_id, slug: record.space_slug, name: record.space_title }
        : null,
    address: record.address,
    accessibilityNote: record.accessibility_note,
    registrationDeadline: iso(record.registration_deadline),
    cancelledAt: iso(record.cancelled_at),
    ...(view.showVideoUrl && record.video_url ? { videoUrl: record.video_url } : {}),
    reportDocumentId: record.report_document_id,
    followUpThreadId: record.follow_up_thread_id,
    canManage: view.canManage,
    parentId: record.parent_id,
    registrationQuestions: questionsOf(record),
    // Guests take a seat in the event itself; its sessions are chosen with an account.
    guestsAllowed:
      record.parent_id === null && canRegisterAsGuest({ space: eventSpaceFacts(record), membership: null }),
  };
}

/** The questions an event asks at registration (stored JSON, read through the contract). */
export const questionsOf = (record: Pick<EventRecord, 'registration_questions'>): RegistrationQuestion[] =>
  RegistrationQuestionsSchema.safeParse(record.registration_questions).data ?? [];

/** A registration's answers (stored JSON, read through the contract). */
export const answersOf = (stored: unknown): RegistrationAnswers =>
  RegistrationAnswersSchema.safeParse(stored).data ?? {};

/** A person as the event mails address them. */
export const mailRecipient = (person: {
  id: string;
  email: string;
  display_name: string;
  locale: EventRecipient['locale'];
}): EventRecipient => ({ id: person.id, email: person.email, displayName: person.display_name, locale: person.locale });

export const mailFacts = (record: EventRecord): EventMailFacts => ({
  id: record.id,
  title: record.title,
  startsAt: new Date(record.starts_at),
  endsAt: new Date(record.ends_at),
  timezone: record.timezone,
  mode: record.mode,
  address: record.address,
});

/** Registrations close at the deadline, or at the start when none was set. */
export const registrationClosesAt = (record: Pick<EventRecord, 'registration_deadline' | 'starts_at'>) =>
  new Date(record.registration_deadline ?? record.starts_at);
