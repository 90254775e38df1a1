import { createHmac } from 'node:crypto';
import { authorize } from '../../../core/authorize';
import { isUuid } from '../../../core/ids';
import { installationKey } from '../../../core/installation-key.queries';
import { hashSecret } from '../../../core/secrets';
import { notFound } from '../../../errors';
import { canManageCalendarFeed, canViewEvent } from '../../../policy/events.policy';
import type { Actor } from '../../../policy/policy';
import { eventAccess, loadEventContext, loadEventSpaceFacts } from '../events.access';
import type { EventsDeps } from '../events.deps';
import { eventUrl } from '../events.mail';
import { type EventRecord, findSeriesById, listEventsBetween, listSeriesExceptions } from '../events.queries';
import { ensureOccurrences, presentEvents } from '../events.service';
import { feedEvents } from '../registrations/registrations.queries';
import { wallTimeToInstant } from '../series/zoned-time';
import { findFeedOwner, lockFeed, setFeedTokenHash, upsertFeed } from './calendar.queries';
import { type IcsEvent, renderCalendar } from './ics';

const DAY = 24 * 60 * 60_000;
/** What a feed covers: the recent past (to keep what one attended) and the coming year. */
const FEED_PAST_DAYS = 60;
const FEED_AHEAD_DAYS = 366;

const ONLINE = 'En ligne / Online';

/** An event as ICS: its address when on site; the visio link never, whoever asks. */
function icsOf(deps: Pick<EventsDeps, 'publicUrl'>, record: EventRecord): IcsEvent {
  return {
    uid: `${record.id}@atelier-des-transitions`,
    title: record.title,
    summary: record.summary,
    startsAt: new Date(record.starts_at),
    endsAt: new Date(record.ends_at),
    timezone: record.timezone,
    location: record.mode === 'presentiel' ? record.address : ONLINE,
    url: eventUrl(deps.publicUrl, record.id),
    cancelled: record.cancelled_at !== null,
  };
}

/** `GET /events/:id/ics`: one event, for whoever may see it. */
export async function eventIcs(deps: EventsDeps, input: { actor: Actor; eventId: string }): Promise<string> {
  const context = await loadEventContext(deps.db, input.eventId, input.actor);
  authorize(context, canViewEvent(context.actor, context.facts));
  return renderCalendar(context.event.title, [icsOf(deps, context.event)]);
}

const slotOf = (date: string, startTime: string, timezone: string) => {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = startTime.split(':').map(Number);
  return wallTimeToInstant(
    { year: year ?? 0, month: month ?? 1, day: day ?? 1, hour: hour ?? 0, minute: minute ?? 0 },
    timezone,
  );
};

/**
 * `GET /series/:id/ics`: the series as one recurring VEVENT (RRULE, TZID), its cancelled
 * occurrences as EXDATEs and the ones moved alone as overrides (RECURRENCE-ID).
 */
export async function seriesIcs(deps: EventsDeps, input: { actor: Actor; seriesId: string }): Promise<string> {
  if (!isUuid(input.seriesId)) throw notFound('series');
  const series = await findSeriesById(deps.db, input.seriesId);
  if (!series) throw notFound('series');
  const facts = await loadEventSpaceFacts(deps.db, series.space_id, input.actor);
  authorize(eventAccess(input.actor, facts), canViewEvent(input.actor, facts));
  const uid = `${series.id}@atelier-des-transitions`;
  const first = slotOf(series.first_date, series.start_time, series.timezone);
  const base: IcsEvent = {
    uid,
    title: series.title,
    summary: series.summary,
    startsAt: first,
    endsAt: new Date(first.getTime() + series.duration_minutes * 60_000),
    timezone: series.timezone,
    location: series.mode === 'presentiel' ? series.address : ONLINE,
    url: `${deps.publicUrl}/agenda`,
    cancelled: false,
    rrule: series.rrule,
    exdates: [],
  };
  const overrides: IcsEvent[] = [];
  for (const occurrence of await listSeriesExceptions(deps.db, series.id)) {
    if (!occurrence.occurrence_date) continue;
    const slot = slotOf(occurrence.occurrence_date, series.start_time, series.timezone);
    if (occurrence.cancelled_at) {
      base.exdates?.push(slot);
      continue;
    }
    const startsAt = new Date(occurrence.starts_at);
    const moved =
      startsAt.getTime() !== slot.getTime() ||
      new Date(occurrence.ends_at).getTime() - startsAt.getTime() !== series.duration_minutes * 60_000 ||
      occurrence.title !== series.title;
    if (!moved) continue;
    overrides.push({
      ...base,
      rrule: undefined,
      exdates: undefined,
      title: occurrence.title,
      startsAt,
      endsAt: new Date(occurrence.ends_at),
      timezone: occurrence.timezone,
      url: eventUrl(deps.publicUrl, occurrence.id),
      recurrenceId: slot,
    });
  }
  return renderCalendar(series.title, [base, ...overrides]);
}

/**
 * A feed's token, derived from the person and the moment the feed was made: the person sees
 * the same address every time, a rotation (new moment) makes a new one, and lookups go
 * through its hash only.
 */
const feedToken = (key: string, userId: string, createdAt: Date) =>
  createHmac('sha256', key)
    .update(`${userId}:${new Date(createdAt).toISOString()}`)
    .digest('base64url');

const feedUrl = (publicUrl: string, token: string) => `${publicUrl}/api/calendar/${token}.ics`;

/** `GET /calendar/feed` (made on first ask) and `POST /calendar/feed/rotate` (a new address). */
export async function calendarFeed(
  deps: EventsDeps,
  input: { actor: Actor; rotate: boolean },
): Promise<{ url: string }> {
  if (!canManageCalendarFeed(input.actor) || !input.actor) throw new Error('unreachable: routes require a session');
  const userId = input.actor.id;
  const key = await installationKey(deps.db);
  return deps.db.transaction().execute(async (trx) => {
    const existing = await lockFeed(trx, userId);
    if (existing && !input.rotate) return { url: feedUrl(deps.publicUrl, feedToken(key, userId, existing.created_at)) };
    const created = await upsertFeed(trx, userId);
    const token = feedToken(key, userId, created.created_at);
    await setFeedTokenHash(trx, userId, hashSecret(token));
    return { url: feedUrl(deps.publicUrl, token) };
  });
}

/**
 * `GET /calendar/:token.ics`: what the feed's owner registered for (seat or waitlist) or
 * follows, that they may still see — no session, the token is the credential. Unknown or
 * rotated tokens are 404.
 */
export async function feedIcs(deps: EventsDeps, input: { token: string }): Promise<string> {
  const feed = await findFeedOwner(deps.db, hashSecret(input.token));
  if (!feed) throw notFound('calendar');
  const actor: Actor = { id: feed.id, role: feed.role };
  const now = deps.now();
  const from = new Date(now.getTime() - FEED_PAST_DAYS * DAY);
  const to = new Date(now.getTime() + FEED_AHEAD_DAYS * DAY);
  await ensureOccurrences(deps, { from, to });
  const listed = await feedEvents(deps.db, actor.id, from, to);
  const waitlisted = new Set(listed.filter((row) => row.status === 'waitlisted').map((row) => row.id));
  const records = await listEventsBetween(deps.db, { from, to, ids: listed.map((row) => row.id) });
  const visible = new Set((await presentEvents(deps.db, actor, records)).map((event) => event.id));
  return renderCalendar(
    'Atelier des transitions',
    records
      .filter((record) => visible.has(record.id))
      // A waitlist place is not a seat yet: the calendar shows it as tentative.
      .map((record) => ({ ...icsOf(deps, record), tentative: waitlisted.has(record.id) })),
  );
}
