import { z } from 'zod';
import { EmailSchema } from './accounts';
import { IdSchema, IsoDateTimeSchema, lineText, multilineText } from './common';

export const EventKindSchema = z.enum(['permanence', 'initiation', 'atelier', 'autre']);
/** Online (visioconférence) or in person. */
export const EventModeSchema = z.enum(['visio', 'presentiel']);

/** The next occurrence of a series, computed from its recurrence rule. */
export const NextOccurrenceSchema = z.object({
  seriesId: IdSchema,
  /** The occurrence's event (its page, its registrations); absent only if it could not be made. */
  eventId: IdSchema.optional(),
  title: z.string(),
  kind: EventKindSchema,
  summary: z.string(),
  startsAt: IsoDateTimeSchema,
  endsAt: IsoDateTimeSchema,
  timezone: z.string(),
  mode: EventModeSchema,
});
export type NextOccurrence = z.infer<typeof NextOccurrenceSchema>;

export const NextPermanenceSchema = z.object({ next: NextOccurrenceSchema.nullable() });

// ── Events ───────────────────────────────────────────────────────────────────────────────
//
// A series (a recurrence rule applied to a wall-clock time in a time zone) has occurrences,
// each an event with its own id and `seriesId`; one-off events have `seriesId: null`. An
// event belongs to a space (its animateur·ices manage it) or to the whole alliance (admins).

export const EVENT_TITLE_MAX_CHARS = 200;
export const EVENT_SUMMARY_MAX_CHARS = 5000;
export const QUESTION_BODY_MAX_CHARS = 2000;
/** The longest event (a day on site, or a two-day assembly). */
export const EVENT_MAX_DURATION_HOURS = 72;

// ── Registration questions ──
//
// The organisers choose a few questions from a closed list, each optional or required; none by
// default. Answers are seen by the person and by those who manage the event, no one else.

export const RegistrationQuestionKeySchema = z.enum(['organisation', 'territory', 'role', 'accessibility', 'meal']);
export type RegistrationQuestionKey = z.infer<typeof RegistrationQuestionKeySchema>;
export const MealChoiceSchema = z.enum(['standard', 'vegetarian', 'vegan', 'none']);
export type MealChoice = z.infer<typeof MealChoiceSchema>;
export const RegistrationQuestionSchema = z.strictObject({
  key: RegistrationQuestionKeySchema,
  required: z.boolean(),
});
export type RegistrationQuestion = z.infer<typeof RegistrationQuestionSchema>;
export const RegistrationQuestionsSchema = z
  .array(RegistrationQuestionSchema)
  .max(RegistrationQuestionKeySchema.options.length)
  .refine((questions) => new Set(questions.map((question) => question.key)).size === questions.length, {
    message: 'each question is asked once',
  });
/** Answers by question key; an empty text counts as no answer. */
export const RegistrationAnswersSchema = z.strictObject({
  organisation: multilineText(200).optional(),
  territory: multilineText(200).optional(),
  role: multilineText(200).optional(),
  accessibility: multilineText(1000).optional(),
  meal: MealChoiceSchema.optional(),
});
export type RegistrationAnswers = z.infer<typeof RegistrationAnswersSchema>;
/**
 * `POST /api/events/:id/registrations` `{ answers? }`: a required question left unanswered →
 * 400 `invalid_input` with `body.answers.<key>: ['required']`; an answer to a question the event
 * does not ask → 400 with `['not_asked']`.
 */
export const RegistrationBodySchema = z.strictObject({ answers: RegistrationAnswersSchema.default({}) });
export type RegistrationBody = z.input<typeof RegistrationBodySchema>;

// ── Guests ──
//
// `POST /api/events/:id/guest-registrations` `{ email, displayName, answers? }` (no session;
// events with `guestsAllowed`) → 202 `{ status: 'sent' }`, whatever the address: a link is mailed
// (or, to an address with an account, the way to sign in). `POST /api/guest-registrations/confirm`
// `{ token }` → `{ registration, event }`: the seat or waitlist place, held like a member's (mails,
// reminders, cancel link); the link works once, for 24 hours (else 400 `invalid_token`).

export const GUEST_NAME_MAX_CHARS = 80;
export const GuestRegistrationAcceptedSchema = z.object({ status: z.literal('sent') });
export const GuestRegistrationConfirmBodySchema = z.strictObject({ token: z.string().min(10).max(200) });

/** `registered`: holds a seat; `waitlisted`: waits, `position` 1 is promoted first. */
export const RegistrationStatusSchema = z.enum(['registered', 'waitlisted']);
export const MyRegistrationSchema = z.object({
  status: RegistrationStatusSchema,
  /** Place on the waitlist (1 = next to be promoted); absent for a seat. */
  position: z.number().int().positive().optional(),
  /** What the person answered to the registration questions (theirs to read). */
  answers: RegistrationAnswersSchema.optional(),
});
export type MyRegistration = z.infer<typeof MyRegistrationSchema>;

export const EventSpaceRefSchema = z.object({ id: IdSchema, slug: z.string(), name: z.string() });

export const EventSchema = z.object({
  id: IdSchema,
  title: z.string(),
  kind: EventKindSchema,
  startsAt: IsoDateTimeSchema,
  endsAt: IsoDateTimeSchema,
  /** The occurrence of this series; null for a one-off event. */
  seriesId: IdSchema.nullable(),
  /** Seats; null when unlimited. */
  capacity: z.number().int().positive().nullable(),
  registeredCount: z.number().int().nonnegative(),
  waitlistCount: z.number().int().nonnegative(),
  // Extensions of the v1 list fields.
  timezone: z.string(),
  mode: EventModeSchema,
  summary: z.string(),
  /** The space it belongs to; null for the whole alliance. */
  space: EventSpaceRefSchema.nullable(),
  /** On-site events: where, and how to get in (step-free access, hearing loop…). */
  address: z.string().nullable(),
  accessibilityNote: z.string().nullable(),
  /** Registrations close at this instant (default: the start). */
  registrationDeadline: IsoDateTimeSchema.nullable(),
  cancelledAt: IsoDateTimeSchema.nullable(),
  /** Present only for people with a seat and for those who manage the event. */
  videoUrl: z.string().optional(),
  /** The compte rendu (a shared document) once published, and the follow-up thread. */
  reportDocumentId: IdSchema.nullable(),
  followUpThreadId: IdSchema.nullable(),
  /** The caller may edit, cancel, run the questions and mark attendance. */
  canManage: z.boolean(),
  /** For a session, the event it belongs to; null otherwise. */
  parentId: IdSchema.nullable(),
  /** The questions asked at registration, in the organisers' order (none by default). */
  registrationQuestions: z.array(RegistrationQuestionSchema),
  /** People without an account may register with their name and address (`/guest-registrations`). */
  guestsAllowed: z.boolean(),
});
export type Event = z.infer<typeof EventSchema>;

/** A session of an event as its page lists it: the session and the caller's place in it. */
export const SessionSchema = z.object({ event: EventSchema, myRegistration: MyRegistrationSchema.nullable() });
export type Session = z.infer<typeof SessionSchema>;

/** `GET /api/events?from&to&spaceId&kind` → `{ items }` ordered by start; at most 366 days. */
export const EventListQuerySchema = z.strictObject({
  from: IsoDateTimeSchema.optional(),
  to: IsoDateTimeSchema.optional(),
  spaceId: IdSchema.optional(),
  kind: EventKindSchema.optional(),
});
export const EventListSchema = z.object({ items: z.array(EventSchema) });
/** `GET /api/events/:id` → `{ event, myRegistration, followingSeries }`. */
export const EventDetailSchema = z.object({
  event: EventSchema,
  myRegistration: MyRegistrationSchema.nullable(),
  /** The caller follows the whole series (always false for a one-off event). */
  followingSeries: z.boolean(),
  /** The caller was marked present: their attestation (`/attestation.pdf`) is theirs to download. */
  attended: z.boolean(),
  /** For a session, the event it belongs to. */
  parent: z.object({ id: IdSchema, title: z.string() }).nullable(),
  /**
   * The event's sessions by start (« atelier A ou B »). One chooses among them once holding a
   * seat in the event, one place per time slot (409 `parent_registration_required`, `session_overlap`).
   */
  sessions: z.array(SessionSchema),
});
export type EventDetail = z.infer<typeof EventDetailSchema>;
export const EventEnvelopeSchema = z.object({ event: EventSchema });

/** An RFC 5545 RRULE applied to the wall-clock start in `timezone`, e.g. `FREQ=MONTHLY;BYDAY=1TU`. */
export const RecurrenceSchema = z.strictObject({ rrule: z.string().min(1).max(500) });

const eventFields = {
  title: lineText(EVENT_TITLE_MAX_CHARS),
  kind: EventKindSchema,
  startsAt: IsoDateTimeSchema,
  endsAt: IsoDateTimeSchema,
  /** IANA time zone; unknown → 400 `unknown_timezone`. */
  timezone: z.string().min(1).max(100),
  mode: EventModeSchema.default('visio'),
  summary: multilineText(EVENT_SUMMARY_MAX_CHARS).default(''),
  capacity: z.number().int().positive().max(100_000).nullable().optional(),
  videoUrl: z
    .url({ protocol: /^https$/ })
    .max(2000)
    .nullable()
    .optional(),
  address: multilineText(500).nullable().optional(),
  accessibilityNote: multilineText(1000).nullable().optional(),
  registrationDeadline: IsoDateTimeSchema.nullable().optional(),
};

/**
 * `POST /api/events` (the space's animateur·ices, or admins; admins only without `spaceId`)
 * → 201 `{ event }`, the first occurrence when `recurrence` is given. With `parentId`, a session
 * of that one-off event (those who manage it): in its space, within its times, without
 * recurrence nor questions of its own (400 `invalid_input`, `event_invalid_dates`).
 */
export const EventCreateBodySchema = z.strictObject({
  ...eventFields,
  spaceId: IdSchema.nullable().optional(),
  recurrence: RecurrenceSchema.optional(),
  parentId: IdSchema.optional(),
  registrationQuestions: RegistrationQuestionsSchema.optional(),
});
export type EventCreateBody = z.input<typeof EventCreateBodySchema>;
/**
 * `PATCH /api/events/:id` → `{ event }`: changes this event only (one occurrence of a series is
 * moved alone). Capacity below the current seats → 409 `capacity_below_registrations`.
 */
export const EventUpdateBodySchema = z.strictObject({
  title: eventFields.title.optional(),
  startsAt: IsoDateTimeSchema.optional(),
  endsAt: IsoDateTimeSchema.optional(),
  timezone: eventFields.timezone.optional(),
  mode: EventModeSchema.optional(),
  summary: multilineText(EVENT_SUMMARY_MAX_CHARS).optional(),
  capacity: eventFields.capacity,
  videoUrl: eventFields.videoUrl,
  address: eventFields.address,
  accessibilityNote: eventFields.accessibilityNote,
  registrationDeadline: eventFields.registrationDeadline,
  registrationQuestions: RegistrationQuestionsSchema.optional(),
});
export type EventUpdateBody = z.infer<typeof EventUpdateBodySchema>;
/** `POST /api/events/:id/cancel` `{ reason? }` → `{ event }`: cancels this occurrence; people registered get a mail. */
export const EventCancelBodySchema = z.strictObject({ reason: multilineText(1000).default('') });

/** `POST /api/events/:id/registrations` → 201 `{ registration }`. */
export const RegistrationEnvelopeSchema = z.object({ registration: MyRegistrationSchema });
/**
 * `POST /api/registrations/cancel` `{ token }` → `{ event }`: the one-click "je ne peux plus
 * venir" link of the mails (no session needed; the token names one registration).
 */
export const RegistrationCancelBodySchema = z.strictObject({ token: z.string().min(10).max(200) });
/** `PUT /api/series/:id/follow` → `{ following: true }`; `DELETE` → `{ following: false }`. */
export const SeriesFollowSchema = z.object({ following: z.boolean() });

/**
 * Calendars. `GET /api/events/:id/ics` (one event; a series' occurrence also at
 * `GET /api/series/:id/ics` as one recurring event) → `text/calendar`, never with the visio link.
 * The personal feed: `GET /api/calendar/feed` → `{ url }` (made on first ask),
 * `POST /api/calendar/feed/rotate` → `{ url }` (the old one stops working),
 * `GET /api/calendar/:token.ics` → what the person registered for or follows.
 */
export const CalendarFeedSchema = z.object({ url: z.string() });

// ── Questions and proposals ──────────────────────────────────────────────────────────────

/** `open` → `current` (being answered) → `answered`, or `transmitted` to a space's chantier. */
export const QuestionStatusSchema = z.enum(['open', 'current', 'answered', 'transmitted']);
export type QuestionStatus = z.infer<typeof QuestionStatusSchema>;
export const QuestionSchema = z.object({
  id: IdSchema,
  eventId: IdSchema,
  body: z.string(),
  author: z.object({ id: IdSchema, displayName: z.string() }),
  votes: z.number().int().nonnegative(),
  /** The caller voted for it. */
  voted: z.boolean(),
  /** Grows with every change (vote, withdrawal, status): of two copies, the higher is newer. */
  revision: z.number().int().nonnegative(),
  status: QuestionStatusSchema,
  /**
   * For `transmitted`: the space it was handed to, and the thread there that quotes it
   * (`/espaces/<slug>/fils/<threadId>`; null for a question handed over before threads were opened).
   */
  transmittedTo: EventSpaceRefSchema.extend({ threadId: IdSchema.nullable() }).nullable(),
  createdAt: IsoDateTimeSchema,
});
export type Question = z.infer<typeof QuestionSchema>;
/** `GET /api/events/:id/questions` → `{ items }`, current first, then by votes, then oldest. */
export const QuestionListSchema = z.object({ items: z.array(QuestionSchema) });
/** `POST /api/events/:id/questions` `{ body }` → 201 `{ question }` (people registered, seat or waitlist). */
export const QuestionCreateBodySchema = z.strictObject({ body: lineText(QUESTION_BODY_MAX_CHARS) });
export const QuestionEnvelopeSchema = z.object({ question: QuestionSchema });
/**
 * `PATCH /api/questions/:id` (those who manage the event) `{ status, transmittedToSpaceId? }`
 * → `{ question }`; at most one question is `current` (making one current sets the previous
 * current one back to `open` unless answered). A first transmission to a space posts the
 * question (with its votes) in the thread there that gathers the event's questions, opening it
 * if need be, and notifies the space's animateur·ices and the asker; it needs the right to post
 * in that space (else 403, nothing changed).
 */
export const QuestionUpdateBodySchema = z.strictObject({
  status: QuestionStatusSchema,
  transmittedToSpaceId: IdSchema.optional(),
});

// ── Attendance, compte rendu, follow-up ──────────────────────────────────────────────────

/** `GET /api/events/:id/attendance` (those who manage the event) → `{ items }`. */
export const AttendanceListSchema = z.object({
  items: z.array(
    z.object({
      person: z.object({ id: IdSchema, displayName: z.string() }),
      status: RegistrationStatusSchema.nullable(),
      attended: z.boolean(),
      /** Their answers to the registration questions ({} without a registration). */
      answers: RegistrationAnswersSchema,
    }),
  ),
});
/** `PUT /api/events/:id/attendance/:userId` `{ attended }` → 204. */
export const AttendanceUpdateBodySchema = z.strictObject({ attended: z.boolean() });
export const AttendanceParamsSchema = z.object({ id: IdSchema, userId: IdSchema });
/** `GET /api/users/:id/attended-permanences` (the person, or admins) → `{ items }` newest first. */
export const AttendedEventsSchema = z.object({ items: z.array(EventSchema) });
/**
 * `POST /api/events/:id/report` → 201 `{ event }`: makes the compte rendu, a shared document in
 * the event's space (for alliance events, a document of the alliance that admins edit and
 * everyone reads), and links it. `POST /api/events/:id/follow-up` `{ title, body }` → 201
 * `{ event }`: opens a thread in the event's space (or the space the caller names) and links it.
 */
export const FollowUpBodySchema = z.strictObject({
  title: lineText(200),
  body: z.string().max(20_000),
  spaceId: IdSchema.optional(),
});

export const GuestRegistrationBodySchema = z.strictObject({
  email: EmailSchema,
  displayName: lineText(GUEST_NAME_MAX_CHARS),
  answers: RegistrationAnswersSchema.default({}),
});
export type GuestRegistrationBody = z.input<typeof GuestRegistrationBodySchema>;
export const GuestRegistrationConfirmedSchema = z.object({ registration: MyRegistrationSchema, event: EventSchema });
