import { randomBytes } from 'node:crypto';
import type {
  Event,
  EventCreateBody,
  EventDetail,
  EventListQuerySchema,
  EventUpdateBody,
  MyRegistration,
  NextOccurrence,
} from '@atelier/contract';
import { EVENT_MAX_DURATION_HOURS } from '@atelier/contract';
import type { z } from 'zod';
import { authorize } from '../../core/authorize';
import type { Db } from '../../db/database';
import { AppError, notFound } from '../../errors';
import {
  canCreateEvent,
  canManageEvent,
  canSeeVideoLink,
  canViewEvent,
  type EventAccessFacts,
} from '../../policy/events.policy';
import type { Actor, MembershipFacts } from '../../policy/policy';
import { slugify } from '../spaces/slugify';
import { toMembershipFacts } from '../spaces/spaces.access';
import { listMembershipsOfUser } from '../spaces/spaces.queries';
import { webhookEvents } from '../webhooks/webhooks.content';
import { queueWebhooks } from '../webhooks/webhooks.service';
import {
  type EventContext,
  eventAccess,
  eventCancelled,
  eventSpaceFacts,
  loadEventContext,
  loadEventSpaceFacts,
} from './events.access';
import { answersOf, mailFacts, toEvent } from './events.content';
import type { EventsDeps } from './events.deps';
import {
  type EventRecord,
  findEvent,
  findNextOccurrence,
  findSeriesBySlug,
  insertEvent,
  insertSeries,
  listEventsBetween,
  listSeries,
  listSessions,
  lockEvent,
  markEventCancelled,
  sessionsSpan,
  updateEvent as updateEventRow,
} from './events.queries';
import { publishEventChanged } from './events.realtime';
import { wasPresent } from './questions/attendance.queries';
import {
  activeRegistrants,
  countSeats,
  findRegistration,
  isFollowingSeries,
  resetReminders,
  seatCountsOf,
  waitlistPosition,
} from './registrations/registrations.queries';
import { promoteFromWaitlist, publishSeats } from './registrations/registrations.service';
import { scheduleReminders } from './registrations/reminders';
import { materializeSeries, occurrenceDateOf } from './series/occurrences';
import { normalizeRecurrenceRule } from './series/recurrence';
import { formatInTimeZone, instantToWallTime, isValidTimeZone } from './series/zoned-time';

/** The slug of the alliance's monthly drop-in series, created by the seed. */
export const PERMANENCE_SLUG = 'permanence';

const DAY = 24 * 60 * 60_000;
const DEFAULT_RANGE_DAYS = 90;
const MAX_RANGE_DAYS = 366;

const invalidDates = (message: string) => new AppError('event_invalid_dates', message);

/** Dates and zone of an event: a known IANA zone, an end after the start, a sane length. */
function checkSchedule(values: { startsAt: Date; endsAt: Date; timezone: string; registrationDeadline: Date | null }) {
  if (!isValidTimeZone(values.timezone))
    throw new AppError('unknown_timezone', `unknown time zone: ${values.timezone}`);
  if (values.endsAt <= values.startsAt) throw invalidDates('the event must end after it starts');
  if (values.endsAt.getTime() - values.startsAt.getTime() > EVENT_MAX_DURATION_HOURS * 60 * 60_000) {
    throw invalidDates(`an event lasts at most ${EVENT_MAX_DURATION_HOURS} hours`);
  }
  if (values.registrationDeadline && values.registrationDeadline > values.endsAt) {
    throw invalidDates('registrations must close before the event ends');
  }
}

/**
 * Materializes the occurrences of every series in [from, to) (bounded to a year ahead) and
 * plans the reminders of the new ones, in one transaction. Concurrent callers are safe: the
 * unique occurrence key lets each row in once, and only its inserter plans its reminders.
 */
export async function ensureOccurrences(
  deps: EventsDeps,
  range: { from: Date; to: Date },
  only?: { seriesId: string },
) {
  const all = await listSeries(deps.db);
  const series = only ? all.filter((one) => one.id === only.seriesId) : all;
  if (series.length === 0) return;
  await deps.transaction(async (trx) => {
    for (const one of series) {
      const inserted = await materializeSeries(trx, one, { ...range, now: deps.now() });
      for (const row of inserted) await scheduleReminders(deps, trx, row);
    }
  });
}

/** The facts of many events at once: the caller's memberships are loaded in one query. */
async function accessFactsFor(db: Db, actor: Actor) {
  const memberships = new Map<string, MembershipFacts>();
  if (actor) {
    for (const row of await listMembershipsOfUser(db, actor.id)) memberships.set(row.space_id, toMembershipFacts(row));
  }
  return (record: EventRecord): EventAccessFacts => ({
    space: eventSpaceFacts(record),
    membership: record.space_id ? (memberships.get(record.space_id) ?? null) : null,
  });
}

/** Shapes events for a listing: only those the actor may view, never with the visio link. */
export async function presentEvents(db: Db, actor: Actor, records: EventRecord[]): Promise<Event[]> {
  const factsOf = await accessFactsFor(db, actor);
  const visible = records.filter((record) => canViewEvent(actor, factsOf(record)));
  const counts = await countSeats(
    db,
    visible.map((record) => record.id),
  );
  return visible.map((record) =>
    toEvent(record, counts.get(record.id) ?? { registeredCount: 0, waitlistCount: 0 }, {
      showVideoUrl: false,
      canManage: canManageEvent(actor, factsOf(record)),
    }),
  );
}

/** `GET /events?from&to&spaceId&kind`: the agenda, by start; at most 366 days at once. */
export async function listEvents(
  deps: EventsDeps,
  input: { actor: Actor } & z.infer<typeof EventListQuerySchema>,
): Promise<{ items: Event[] }> {
  const from = input.from ? new Date(input.from) : deps.now();
  const to = input.to ? new Date(input.to) : new Date(from.getTime() + DEFAULT_RANGE_DAYS * DAY);
  if (to <= from) throw new AppError('invalid_input', '`to` must come after `from`');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
    throw new AppError('invalid_input', `at most ${MAX_RANGE_DAYS} days at once`);
  }
  await ensureOccurrences(deps, { from, to });
  const records = await listEventsBetween(deps.db, { from, to, spaceId: input.spaceId, kind: input.kind });
  return { items: await presentEvents(deps.db, input.actor, records) };
}

/** The event as the actor sees it (`EventSchema`): seat counts, the visio link only if the policy says so. */
export async function presentEvent(db: Db, context: EventContext): Promise<Event> {
  return toEvent(context.event, await seatCountsOf(db, context.event.id), {
    showVideoUrl: canSeeVideoLink(context.actor, context.facts, context.registration),
    canManage: canManageEvent(context.actor, context.facts),
  });
}

/** The actor's seat or waitlist place (with its rank and their answers); null without one. */
async function myRegistrationOf(db: Db, eventId: string, actor: Actor): Promise<MyRegistration | null> {
  const registration = actor ? await findRegistration(db, eventId, actor.id) : undefined;
  if (!registration || registration.status === 'cancelled') return null;
  const answers = answersOf(registration.answers);
  return {
    status: registration.status,
    ...(registration.status === 'waitlisted' ? { position: await waitlistPosition(db, registration) } : {}),
    ...(Object.keys(answers).length > 0 ? { answers } : {}),
  };
}

/** An event's sessions as its page lists them; they share its space, so its access facts. */
async function presentSessions(db: Db, context: EventContext): Promise<EventDetail['sessions']> {
  const records = await listSessions(db, context.event.id);
  const counts = await countSeats(
    db,
    records.map((record) => record.id),
  );
  const canManage = canManageEvent(context.actor, context.facts);
  return Promise.all(
    records.map(async (record) => {
      const myRegistration = await myRegistrationOf(db, record.id, context.actor);
      const event = toEvent(record, counts.get(record.id) ?? { registeredCount: 0, waitlistCount: 0 }, {
        showVideoUrl: canSeeVideoLink(context.actor, context.facts, myRegistration),
        canManage,
      });
      return { event, myRegistration };
    }),
  );
}

/** `GET /events/:id`: the event, the caller's place (with the waitlist position), series follow, sessions. */
export async function getEventDetail(deps: EventsDeps, input: { actor: Actor; eventId: string }): Promise<EventDetail> {
  const context = await loadEventContext(deps.db, input.eventId, input.actor);
  authorize(context, canViewEvent(context.actor, context.facts));
  const { actor, event } = context;
  const followingSeries =
    actor && event.series_id ? await isFollowingSeries(deps.db, actor.id, event.series_id) : false;
  const attended = actor ? await wasPresent(deps.db, event.id, actor.id) : false;
  const parent = event.parent_id ? await findEvent(deps.db, event.parent_id) : undefined;
  return {
    event: await presentEvent(deps.db, context),
    myRegistration: await myRegistrationOf(deps.db, event.id, actor),
    followingSeries,
    attended,
    parent: parent ? { id: parent.id, title: parent.title } : null,
    sessions: await presentSessions(deps.db, context),
  };
}

/** The columns a new event, series or session takes from the form as given. */
const eventColumns = (body: EventCreateBody, actor: Actor) => ({
  title: body.title,
  kind: body.kind,
  summary: body.summary ?? '',
  timezone: body.timezone,
  mode: body.mode ?? 'visio',
  capacity: body.capacity ?? null,
  video_url: body.videoUrl ?? null,
  address: body.address ?? null,
  accessibility_note: body.accessibilityNote ?? null,
  created_by: actor?.id ?? null,
});

const duringItsEvent = () => invalidDates('a session takes place during its event');

/**
 * `POST /events` with `parentId`: a session of a one-off event, by those who manage it, in its
 * space and within its times. Sessions plan no reminders of their own: their event's cover them.
 */
async function createSession(deps: EventsDeps, input: { actor: Actor; body: EventCreateBody; parentId: string }) {
  const { body } = input;
  const parentContext = await loadEventContext(deps.db, input.parentId, input.actor);
  authorize(parentContext, canManageEvent(parentContext.actor, parentContext.facts));
  const parent = parentContext.event;
  const refused: Record<string, string[]> = {};
  if (body.recurrence) refused['body.recurrence'] = ['a session does not repeat'];
  if (body.registrationQuestions?.length) refused['body.registrationQuestions'] = ['asked by the event'];
  if (body.spaceId !== undefined && body.spaceId !== parent.space_id) refused['body.spaceId'] = ['the event’s space'];
  if (parent.series_id || parent.parent_id) refused['body.parentId'] = ['sessions belong to a one-off event'];
  if (Object.keys(refused).length > 0)
    throw new AppError('invalid_input', 'not a session this event can have', refused);
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  const registrationDeadline = body.registrationDeadline ? new Date(body.registrationDeadline) : null;
  checkSchedule({ startsAt, endsAt, timezone: body.timezone, registrationDeadline });

  const eventId = await deps.transaction(async (trx, publish) => {
    // Under the event's lock: its times cannot move meanwhile (see `updateEvent`).
    const locked = await lockEvent(trx, parent.id);
    if (!locked) throw notFound('event');
    if (locked.cancelled_at) throw eventCancelled();
    if (startsAt < new Date(locked.starts_at) || endsAt > new Date(locked.ends_at)) throw duringItsEvent();
    const id = await insertEvent(trx, {
      ...eventColumns(body, input.actor),
      space_id: locked.space_id,
      parent_id: locked.id,
      series_id: null,
      occurrence_date: null,
      starts_at: startsAt,
      ends_at: endsAt,
      registration_deadline: registrationDeadline,
    });
    await publishEventChanged(publish, locked);
    return id;
  });
  return { event: await presentEvent(deps.db, await loadEventContext(deps.db, eventId, input.actor)) };
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * `POST /events`: a one-off event, or with `recurrence` a series and its occurrences (the
 * first is returned). Space animateur·ices and admins; alliance-wide events are the admins'.
 */
export async function createEvent(
  deps: EventsDeps,
  input: { actor: Actor; body: EventCreateBody },
): Promise<{ event: Event }> {
  const { body } = input;
  if (body.parentId) return createSession(deps, { ...input, parentId: body.parentId });
  const facts = await loadEventSpaceFacts(deps.db, body.spaceId ?? null, input.actor);
  authorize(eventAccess(input.actor, facts), canCreateEvent(input.actor, facts));
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  const registrationDeadline = body.registrationDeadline ? new Date(body.registrationDeadline) : null;
  checkSchedule({ startsAt, endsAt, timezone: body.timezone, registrationDeadline });
  const common = { ...eventColumns(body, input.actor), space_id: body.spaceId ?? null };
  if (body.recurrence && body.registrationQuestions?.length) {
    throw new AppError('invalid_input', 'questions are set on each occurrence of a series', {
      'body.registrationQuestions': ['not with a recurrence'],
    });
  }

  const eventId = await deps.transaction(async (trx) => {
    if (!body.recurrence) {
      const id = await insertEvent(trx, {
        ...common,
        series_id: null,
        occurrence_date: null,
        starts_at: startsAt,
        ends_at: endsAt,
        registration_deadline: registrationDeadline,
        registration_questions: JSON.stringify(body.registrationQuestions ?? []),
      });
      await scheduleReminders(deps, trx, { id, starts_at: startsAt });
      if (common.space_id) {
        const created = { id, title: body.title, starts_at: startsAt, ends_at: endsAt, timezone: body.timezone };
        await queueWebhooks(trx, { spaceId: common.space_id }, webhookEvents.eventCreated(created));
      }
      return id;
    }
    const rrule = normalizeRecurrenceRule(body.recurrence.rrule);
    if (!rrule)
      throw new AppError('invalid_input', 'not a recurrence rule this agenda accepts', { rrule: ['invalid'] });
    const wall = instantToWallTime(startsAt, body.timezone);
    const durationMinutes = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
    const series = await insertSeries(trx, {
      ...common,
      slug: `${slugify(body.title).slice(0, 60) || 'serie'}-${randomBytes(4).toString('hex')}`,
      rrule,
      first_date: occurrenceDateOf(startsAt, body.timezone),
      start_time: `${pad(wall.hour)}:${pad(wall.minute)}`,
      duration_minutes: Math.max(1, durationMinutes),
    });
    const inserted = await materializeSeries(trx, series, {
      from: startsAt,
      to: new Date(startsAt.getTime() + MAX_RANGE_DAYS * DAY),
      now: deps.now(),
    });
    const first = inserted.sort((a, b) => new Date(a.starts_at).getTime() - new Date(b.starts_at).getTime())[0];
    if (!first) throw new AppError('invalid_input', 'this rule gives no date in the coming year', { rrule: ['empty'] });
    for (const row of inserted) await scheduleReminders(deps, trx, row);
    // A series is announced once, by its first occurrence.
    if (common.space_id) {
      const startsFirst = new Date(first.starts_at);
      const endsFirst = new Date(startsFirst.getTime() + (endsAt.getTime() - startsAt.getTime()));
      const created = {
        id: first.id,
        title: body.title,
        starts_at: startsFirst,
        ends_at: endsFirst,
        timezone: body.timezone,
      };
      await queueWebhooks(trx, { spaceId: common.space_id }, webhookEvents.eventCreated(created));
    }
    return first.id;
  });
  return { event: await presentEvent(deps.db, await loadEventContext(deps.db, eventId, input.actor)) };
}

/**
 * `PATCH /events/:id`: changes this event only (an occurrence moved alone keeps its place in
 * the series). Lowering the capacity below the seats taken is refused; raising it promotes
 * from the waitlist in the same transaction. A new start plans new reminders.
 */
export async function updateEvent(
  deps: EventsDeps,
  input: { actor: Actor; eventId: string; body: EventUpdateBody },
): Promise<{ event: Event }> {
  const context = await loadEventContext(deps.db, input.eventId, input.actor);
  authorize(context, canManageEvent(context.actor, context.facts));
  const { body } = input;
  await deps.transaction(async (trx, publish) => {
    // A session's event is locked first, as when a session is made or chosen.
    const parent = context.event.parent_id ? await lockEvent(trx, context.event.parent_id) : undefined;
    const event = await lockEvent(trx, context.event.id);
    if (!event) throw notFound('event');
    if (event.cancelled_at) throw eventCancelled();
    if (body.registrationQuestions && (event.parent_id || event.series_id)) {
      throw new AppError('invalid_input', 'a session or an occurrence of a series asks no questions', {
        'body.registrationQuestions': ['not here'],
      });
    }
    const startsAt = body.startsAt ? new Date(body.startsAt) : new Date(event.starts_at);
    const endsAt = body.endsAt ? new Date(body.endsAt) : new Date(event.ends_at);
    const timezone = body.timezone ?? event.timezone;
    const deadline = body.registrationDeadline === undefined ? event.registration_deadline : body.registrationDeadline;
    const registrationDeadline = deadline === null ? null : new Date(deadline);
    checkSchedule({ startsAt, endsAt, timezone, registrationDeadline });
    if (parent && (startsAt < new Date(parent.starts_at) || endsAt > new Date(parent.ends_at))) throw duringItsEvent();
    const span = await sessionsSpan(trx, event.id);
    if (span && (startsAt > span.firstStart || endsAt < span.lastEnd)) {
      throw invalidDates('the event must still hold its sessions: move them first');
    }
    if (body.capacity !== undefined && body.capacity !== null) {
      const { registeredCount } = await seatCountsOf(trx, event.id);
      if (body.capacity < registeredCount) {
        throw new AppError(
          'capacity_below_registrations',
          `${registeredCount} seats are taken: the capacity cannot go below that`,
        );
      }
    }
    await updateEventRow(trx, event.id, {
      ...(body.title === undefined ? {} : { title: body.title }),
      ...(body.summary === undefined ? {} : { summary: body.summary }),
      ...(body.mode === undefined ? {} : { mode: body.mode }),
      ...(body.capacity === undefined ? {} : { capacity: body.capacity }),
      ...(body.videoUrl === undefined ? {} : { video_url: body.videoUrl }),
      ...(body.address === undefined ? {} : { address: body.address }),
      ...(body.accessibilityNote === undefined ? {} : { accessibility_note: body.accessibilityNote }),
      ...(body.registrationQuestions === undefined
        ? {}
        : { registration_questions: JSON.stringify(body.registrationQuestions) }),
      starts_at: startsAt,
      ends_at: endsAt,
      timezone,
      registration_deadline: registrationDeadline,
    });
    if (!event.parent_id && startsAt.getTime() !== new Date(event.starts_at).getTime()) {
      await resetReminders(trx, event.id);
      await scheduleReminders(deps, trx, { id: event.id, starts_at: startsAt });
    }
    const updated = await findEvent(trx, event.id);
    if (!updated) throw notFound('event');
    if (body.capacity !== undefined && (await promoteFromWaitlist(deps, trx, updated)) > 0) {
      await publishSeats(trx, publish, event);
    }
    await publishEventChanged(publish, event);
  });
  return { event: await presentEvent(deps.db, await loadEventContext(deps.db, context.event.id, context.actor)) };
}

/**
 * `POST /events/:id/cancel`: cancels this event (one occurrence of a series alone); everyone
 * holding a seat or waiting gets a mail, without the visio link. Cancelling twice changes nothing.
 */
export async function cancelEvent(
  deps: EventsDeps,
  input: { actor: Actor; eventId: string; reason: string },
): Promise<{ event: Event }> {
  const context = await loadEventContext(deps.db, input.eventId, input.actor);
  authorize(context, canManageEvent(context.actor, context.facts));
  await deps.transaction(async (trx, publish) => {
    const event = await lockEvent(trx, context.event.id);
    if (!event) throw notFound('event');
    if (event.cancelled_at) return;
    for (const sessionId of await markEventCancelled(trx, event.id, input.reason)) {
      await publishEventChanged(publish, { id: sessionId, parent_id: null });
    }
    await publishEventChanged(publish, event);
    for (const person of await activeRegistrants(trx, event.id)) {
      await deps.mailer.sendCancelled(
        trx,
        { id: person.user_id, email: person.email, displayName: person.display_name, locale: person.locale },
        { event: mailFacts(event), reason: input.reason },
      );
    }
  });
  return { event: await presentEvent(deps.db, await loadEventContext(deps.db, context.event.id, context.actor)) };
}

/**
 * The permanence in progress, or else the next one, with the id of its event (materialized on
 * the way); null when the series does not exist (an unseeded database) or has ended. Times
 * carry the series' own offset, e.g. `+01:00` in winter.
 */
export async function getNextPermanence(deps: EventsDeps, { now }: { now: Date }): Promise<NextOccurrence | null> {
  const series = await findSeriesBySlug(deps.db, PERMANENCE_SLUG);
  if (!series) return null;
  // The occurrences as they stand: one moved alone keeps its new time, one cancelled is skipped.
  const day = 24 * 60 * 60_000;
  await ensureOccurrences(
    deps,
    { from: new Date(now.getTime() - day), to: new Date(now.getTime() + 120 * day) },
    { seriesId: series.id },
  );
  const row = await findNextOccurrence(deps.db, series.id, now);
  if (!row) return null;
  return {
    seriesId: series.id,
    eventId: row.id,
    title: row.title,
    kind: series.kind,
    summary: row.summary,
    startsAt: formatInTimeZone(row.starts_at, row.timezone),
    endsAt: formatInTimeZone(row.ends_at, row.timezone),
    timezone: row.timezone,
    mode: row.mode,
  };
}
