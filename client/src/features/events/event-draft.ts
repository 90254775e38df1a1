import {
  type Event,
  type EventCreateBody,
  type EventUpdateBody,
  type RegistrationQuestion,
  type RegistrationQuestionKey,
  RegistrationQuestionKeySchema,
} from '@atelier/contract';
import { isoToWallClock, isWallClock, type RecurrenceChoice, recurrenceRule, wallClockToIso } from './event-time';

/**
 * The event form's state, as the person types it: times on the event's own clock, numbers as
 * text. Turned into the contract's bodies only when sent.
 */
export interface EventDraft {
  title: string;
  kind: Event['kind'];
  start: string;
  end: string;
  timezone: string;
  mode: Event['mode'];
  address: string;
  accessibilityNote: string;
  videoUrl: string;
  /** Empty: no limit. */
  capacity: string;
  /** Empty: registrations close at the start. */
  deadline: string;
  summary: string;
  recurrence: RecurrenceChoice;
  /** Empty: the whole alliance. */
  spaceId: string;
  /** Each registration question: not asked (the default), optional or required. */
  questions: Record<RegistrationQuestionKey, QuestionChoice>;
}

export type QuestionChoice = 'off' | 'optional' | 'required';
const noQuestions = (): EventDraft['questions'] => ({
  organisation: 'off',
  territory: 'off',
  role: 'off',
  accessibility: 'off',
  meal: 'off',
});

export type EventField = keyof EventDraft;

export const DEFAULT_TIMEZONE = 'Europe/Paris';

export function emptyDraft(spaceId = ''): EventDraft {
  return {
    title: '',
    kind: 'atelier',
    start: '',
    end: '',
    timezone: DEFAULT_TIMEZONE,
    mode: 'visio',
    address: '',
    accessibilityNote: '',
    videoUrl: '',
    capacity: '',
    deadline: '',
    summary: '',
    recurrence: 'none',
    spaceId,
    questions: noQuestions(),
  };
}

export function draftFromEvent(event: Event): EventDraft {
  return {
    title: event.title,
    kind: event.kind,
    start: isoToWallClock(event.startsAt, event.timezone),
    end: isoToWallClock(event.endsAt, event.timezone),
    timezone: event.timezone,
    mode: event.mode,
    address: event.address ?? '',
    accessibilityNote: event.accessibilityNote ?? '',
    videoUrl: event.videoUrl ?? '',
    capacity: event.capacity === null ? '' : String(event.capacity),
    deadline: event.registrationDeadline ? isoToWallClock(event.registrationDeadline, event.timezone) : '',
    summary: event.summary,
    recurrence: 'none',
    spaceId: event.space?.id ?? '',
    questions: {
      ...noQuestions(),
      ...Object.fromEntries(
        event.registrationQuestions.map((question) => [question.key, question.required ? 'required' : 'optional']),
      ),
    },
  };
}

/** The questions asked, in the form's order. */
const questionsOf = (draft: EventDraft): RegistrationQuestion[] =>
  RegistrationQuestionKeySchema.options
    .filter((key) => draft.questions[key] !== 'off')
    .map((key) => ({ key, required: draft.questions[key] === 'required' }));

export type DraftProblem =
  | 'titleMissing'
  | 'startInvalid'
  | 'endInvalid'
  | 'endBeforeStart'
  | 'capacityInvalid'
  | 'videoUrlInvalid'
  | 'deadlineInvalid'
  | 'timezoneInvalid';

const isKnownZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** What the browser can check before sending; the server still has the last word. */
export function checkDraft(draft: EventDraft): Partial<Record<EventField, DraftProblem>> {
  const problems: Partial<Record<EventField, DraftProblem>> = {};
  if (!draft.title.trim()) problems.title = 'titleMissing';
  const zoneOk = isKnownZone(draft.timezone);
  if (!zoneOk) problems.timezone = 'timezoneInvalid';
  if (!isWallClock(draft.start)) problems.start = 'startInvalid';
  if (!isWallClock(draft.end)) problems.end = 'endInvalid';
  else if (zoneOk && isWallClock(draft.start)) {
    const start = new Date(wallClockToIso(draft.start, draft.timezone));
    if (new Date(wallClockToIso(draft.end, draft.timezone)) <= start) problems.end = 'endBeforeStart';
  }
  if (draft.capacity.trim() && !/^[1-9]\d{0,5}$/.test(draft.capacity.trim())) problems.capacity = 'capacityInvalid';
  if (draft.videoUrl.trim() && !/^https:\/\/[^\s]+$/.test(draft.videoUrl.trim())) problems.videoUrl = 'videoUrlInvalid';
  if (draft.deadline && !isWallClock(draft.deadline)) problems.deadline = 'deadlineInvalid';
  return problems;
}

const orNull = (value: string) => (value.trim() ? value.trim() : null);

function sharedFields(draft: EventDraft) {
  const onSite = draft.mode === 'presentiel';
  return {
    title: draft.title.trim(),
    startsAt: wallClockToIso(draft.start, draft.timezone),
    endsAt: wallClockToIso(draft.end, draft.timezone),
    timezone: draft.timezone,
    mode: draft.mode,
    summary: draft.summary.trim(),
    capacity: draft.capacity.trim() ? Number(draft.capacity.trim()) : null,
    videoUrl: orNull(draft.videoUrl),
    // An address only means something on site; a visio keeps none.
    address: onSite ? orNull(draft.address) : null,
    accessibilityNote: onSite ? orNull(draft.accessibilityNote) : null,
    registrationDeadline: draft.deadline ? wallClockToIso(draft.deadline, draft.timezone) : null,
  };
}

export function createBody(draft: EventDraft): EventCreateBody {
  const rrule = recurrenceRule(draft.recurrence, draft.start);
  const questions = questionsOf(draft);
  return {
    ...sharedFields(draft),
    kind: draft.kind,
    spaceId: draft.spaceId || null,
    // A series asks its questions date by date, once made.
    ...(rrule ? { recurrence: { rrule } } : questions.length > 0 ? { registrationQuestions: questions } : {}),
  };
}

/** `questions`: the event asks questions (neither a session nor an occurrence of a series). */
export function updateBody(draft: EventDraft, options: { questions: boolean }): EventUpdateBody {
  return { ...sharedFields(draft), ...(options.questions ? { registrationQuestions: questionsOf(draft) } : {}) };
}

/** The form field a server error is about, so that the message lands next to it. */
export const SERVER_ERROR_FIELDS = {
  event_invalid_dates: 'end',
  unknown_timezone: 'timezone',
  capacity_below_registrations: 'capacity',
} as const satisfies Record<string, EventField>;

/** The server names body fields; the form has its own names for some. */
export const BODY_FIELDS: Record<string, EventField> = {
  startsAt: 'start',
  endsAt: 'end',
  registrationDeadline: 'deadline',
  spaceId: 'spaceId',
  'recurrence.rrule': 'recurrence',
  recurrence: 'recurrence',
};
