import type { Db } from '../../db/database';
import { canReadDocument } from '../../policy/documents.policy';
import { canViewEvent } from '../../policy/events.policy';
import { type Actor, canReadThreads, type MembershipFacts } from '../../policy/policy';
import { canReadResources } from '../../policy/resources.policy';
import { findThread } from '../discussions/threads.queries';
import { listDocumentsOfSpace } from '../documents/documents.queries';
import { eventSpaceFacts } from '../events/events.access';
import { registrationClosesAt } from '../events/events.content';
import { type EventRecord, listEventsBetween } from '../events/events.queries';
import {
  countSeats,
  findRegistration,
  type SeatCounts,
  waitlistPosition,
} from '../events/registrations/registrations.queries';
import { listFiles, listLinks } from '../resources/resources.queries';
import { spaceFacts } from '../spaces/spaces.access';
import { findSpaceById } from '../spaces/spaces.queries';
import type { DigestDocument, DigestEvent, DigestResource, DigestSpace, DigestThread } from './digests.mail';
import { listEventsAnnouncedBetween, listSavedVersionsBetween, listThreadsActiveSince } from './digests.queries';

/** The period a digest tells about: [since, until), `until` being the run's instant. */
export interface DigestWindow {
  since: Date;
  until: Date;
}

/** Lines shown per group of a space; what is left out is counted (« … et 3 autres »). */
const SHOWN = { threads: 10, documents: 10, resources: 10, events: 5 };
/** Threads looked at per space: more than shown, as some hold nothing the reader has not read. */
const THREADS_LOOKED_AT = 30;
/** How far ahead a space's next events are looked for. */
export const EVENTS_AHEAD_MS = 60 * 24 * 60 * 60_000;

const within = (value: Date | string | null, window: DigestWindow) => {
  if (value === null) return false;
  const at = new Date(value).getTime();
  return at >= window.since.getTime() && at < window.until.getTime();
};

/**
 * What happened in one space during the window, the same for all its readers: read once per
 * batch of people, then cut per reader by `readerView`. Undefined for a space that is gone.
 */
export async function loadSpaceNews(db: Db, spaceId: string, window: DigestWindow) {
  const space = await findSpaceById(db, spaceId);
  if (!space) return undefined;
  const range = { spaceId, since: window.since, until: window.until };
  const [threads, documents, versions, files, links, events, announced] = await Promise.all([
    listThreadsActiveSince(db, { ...range, limit: THREADS_LOOKED_AT }),
    listDocumentsOfSpace(db, spaceId),
    listSavedVersionsBetween(db, range),
    listFiles(db, spaceId),
    listLinks(db, spaceId),
    listEventsBetween(db, { from: window.until, to: new Date(window.until.getTime() + EVENTS_AHEAD_MS), spaceId }),
    listEventsAnnouncedBetween(db, range),
  ]);
  const versioned = new Set(versions.map((version) => version.document_id));
  const upcoming = events.filter((event) => event.cancelled_at === null);
  return {
    space,
    threads,
    documents: documents.filter(
      (document) =>
        within(document.created_at, window) || within(document.last_edited_at, window) || versioned.has(document.id),
    ),
    versions,
    files: files.filter((file) => within(file.created_at, window)),
    links: links.filter((link) => within(link.created_at, window)),
    events: upcoming,
    /** One-off events announced during the window, and by whom. */
    announced: new Map(announced.map((event) => [event.id, event.created_by])),
    seats: await countSeats(
      db,
      upcoming.map((event) => event.id),
    ),
  };
}
export type SpaceNews = NonNullable<Awaited<ReturnType<typeof loadSpaceNews>>>;

type Reader = NonNullable<Actor>;

/** Threads with posts the reader has not read (their own posts never count), latest first. */
async function unreadThreads(db: Db, reader: Reader, news: SpaceNews, window: DigestWindow) {
  const found: DigestThread[] = [];
  for (const row of news.threads) {
    const thread = await findThread(db, row.id, reader.id);
    const unreadCount = Number(thread?.unread_count ?? 0);
    if (!thread || unreadCount === 0) continue;
    found.push({
      id: row.id,
      title: thread.title,
      isNew: within(row.created_at, window),
      authorName: row.author_name,
      unreadCount,
    });
  }
  return found;
}

/** Each document once, by what says most: created, versions saved by others, edited by others. */
function documentChanges(reader: Reader, news: SpaceNews, window: DigestWindow): DigestDocument[] {
  const savedByOthers = new Map<string, Array<string | null>>();
  for (const version of news.versions) {
    if (version.created_by === reader.id) continue;
    const names = savedByOthers.get(version.document_id) ?? [];
    names.push(version.kind === 'named' ? (version.name ?? '') : null);
    savedByOthers.set(version.document_id, names);
  }
  return news.documents.flatMap((document): DigestDocument[] => {
    const base = { id: document.id, title: document.title };
    if (within(document.created_at, window) && document.created_by !== reader.id) {
      return [{ ...base, change: { kind: 'created', by: document.author_name } }];
    }
    const names = savedByOthers.get(document.id);
    if (names) return [{ ...base, change: { kind: 'versions', names } }];
    if (within(document.last_edited_at, window) && document.last_edited_by && document.last_edited_by !== reader.id) {
      return [{ ...base, change: { kind: 'edited', by: document.last_editor_name } }];
    }
    return [];
  });
}

/** Files and links others shared, newest first. */
function newResources(reader: Reader, news: SpaceNews): DigestResource[] {
  const files = news.files
    .filter((file) => file.uploaded_by !== reader.id)
    .map((file) => ({
      at: new Date(file.created_at).getTime(),
      kind: 'file' as const,
      title: file.name,
      by: file.uploader_name,
    }));
  const links = news.links
    .filter((link) => link.created_by !== reader.id)
    .map((link) => ({
      at: new Date(link.created_at).getTime(),
      kind: 'link' as const,
      title: link.title,
      by: link.author_name,
    }));
  return [...files, ...links].sort((a, b) => b.at - a.at).map(({ kind, title, by }) => ({ kind, title, by }));
}

/**
 * Announced during the window by someone else. Occurrences of a series are written when the
 * agenda is first read that far ahead, which says nothing new: only one-off events count.
 */
const isNewEvent = (news: SpaceNews, record: EventRecord, reader: Reader) =>
  news.announced.has(record.id) && news.announced.get(record.id) !== reader.id;

/** The event as the digest shows it to the reader: when, and their seat or how to get one. */
export async function digestEvent(
  db: Db,
  input: { record: EventRecord; counts: SeatCounts | undefined; reader: Reader; window: DigestWindow; isNew: boolean },
): Promise<DigestEvent> {
  const { record, reader, window } = input;
  const registration = await findRegistration(db, record.id, reader.id);
  let seat: DigestEvent['seat'];
  if (registration?.status === 'registered') seat = { status: 'registered' };
  else if (registration?.status === 'waitlisted') {
    seat = { status: 'waitlisted', position: await waitlistPosition(db, registration) };
  } else {
    const taken = input.counts?.registeredCount ?? 0;
    seat = {
      status: 'none',
      full: record.capacity !== null && taken >= record.capacity,
      closed: registrationClosesAt(record) <= window.until,
    };
  }
  return {
    id: record.id,
    title: record.title,
    startsAt: new Date(record.starts_at),
    endsAt: new Date(record.ends_at),
    timezone: record.timezone,
    isNew: input.isNew,
    seat,
  };
}

/** The space's next events the reader may see, and any announced during the window further on. */
async function nextEvents(db: Db, reader: Reader, membership: MembershipFacts, news: SpaceNews, window: DigestWindow) {
  const visible = news.events.filter((record) => canViewEvent(reader, { space: eventSpaceFacts(record), membership }));
  const shown = visible.filter((record, index) => index < SHOWN.events || isNewEvent(news, record, reader));
  const events: DigestEvent[] = [];
  for (const record of shown) {
    const isNew = isNewEvent(news, record, reader);
    events.push(await digestEvent(db, { record, counts: news.seats.get(record.id), reader, window, isNew }));
  }
  return events;
}

/**
 * The space's news as one reader may see it — each part only if the policy lets them read it,
 * as the HTTP routes ask — and with what concerns them (unread counts, seats). Null when
 * nothing in it is new for them: what they wrote, shared or read already is not news, nor are
 * events merely coming up.
 */
export async function readerView(
  db: Db,
  input: { reader: Reader; membership: MembershipFacts; news: SpaceNews; window: DigestWindow },
): Promise<Omit<DigestSpace, 'unsubscribeUrl'> | null> {
  const { reader, membership, news, window } = input;
  const facts = spaceFacts(news.space);
  const threads = canReadThreads(reader, facts, membership) ? await unreadThreads(db, reader, news, window) : [];
  const documents = canReadDocument(reader, facts, membership) ? documentChanges(reader, news, window) : [];
  const resources = canReadResources(reader, facts, membership) ? newResources(reader, news) : [];
  const events = await nextEvents(db, reader, membership, news, window);
  const hasNews = threads.length + documents.length + resources.length > 0 || events.some((event) => event.isNew);
  if (!hasNews) return null;
  return {
    id: news.space.id,
    slug: news.space.slug,
    title: news.space.title,
    threads: threads.slice(0, SHOWN.threads),
    documents: documents.slice(0, SHOWN.documents),
    resources: resources.slice(0, SHOWN.resources),
    events,
    more: {
      threads: Math.max(0, threads.length - SHOWN.threads),
      documents: Math.max(0, documents.length - SHOWN.documents),
      resources: Math.max(0, resources.length - SHOWN.resources),
    },
  };
}
