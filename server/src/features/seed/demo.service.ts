import { CHARTER, COLLAB_FIELD } from '@atelier/contract';
import * as Y from 'yjs';
import type { Db } from '../../db/database';
import { findMentions, sanitizePostBody } from '../discussions/sanitize';
import { htmlOf, plainTextOf, replaceContent } from '../documents/documents.content';
import type { EventsDeps } from '../events/events.deps';
import { findSeriesBySlug, insertEvent, linkEvent } from '../events/events.queries';
import { ensureOccurrences, PERMANENCE_SLUG } from '../events/events.service';
import { scheduleReminders } from '../events/registrations/reminders';
import { instantToWallTime, wallTimeToInstant } from '../events/series/zoned-time';
import * as q from './demo.queries';
import {
  DEMO_ASSEMBLY,
  DEMO_DOCUMENTS,
  DEMO_EMAIL_DOMAIN,
  DEMO_INITIATION,
  DEMO_LINKS,
  DEMO_MEMBERSHIPS,
  DEMO_PEOPLE,
  DEMO_PERMANENCE,
  DEMO_THREADS,
  type DemoBlock,
  type DemoDocumentVersion,
  type DemoPost,
  demoEmail,
} from './demo-data';

const DAY = 24 * 60 * 60_000;
const ALLIANCE_ZONE = 'Europe/Paris';

/** What one run inserted; null when the demo was already there. */
export interface DemoReport {
  people: number;
  threads: number;
  documents: number;
  events: number;
}

interface Run {
  trx: Db;
  now: Date;
  people: Map<string, string>;
  spaces: Map<string, string>;
}

const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

function idOf(run: Run, key: string): string {
  const id = run.people.get(key);
  if (!id) throw new Error(`demo: no person "${key}"`);
  return id;
}

/** The people of a space, as mentions are resolved against them. */
function membersOf(run: Run, slug: string) {
  const membership = DEMO_MEMBERSHIPS[slug];
  const keys = membership ? [...membership.animateurs, ...membership.members] : [];
  return DEMO_PEOPLE.filter((person) => keys.includes(person.key)).map((person) => ({
    id: idOf(run, person.key),
    displayName: person.displayName,
  }));
}

/**
 * The living demo (`SEED=demo`): fictitious people in the alliance's spaces (which
 * `seedAlliance` made), their discussions, documents with a history, links, the last
 * permanence with its questions, compte rendu and follow-up, and the next events with their
 * registrations and a waitlist. One transaction, under a lock: it runs once, even from several
 * processes starting together, and does nothing once demo people exist.
 */
export async function seedDemo(deps: EventsDeps): Promise<DemoReport | null> {
  const now = deps.now();
  const series = await findSeriesBySlug(deps.db, PERMANENCE_SLUG);
  // The permanence's occurrences around today, with their reminders, as a listing would make them.
  if (series) await ensureOccurrences(deps, { from: ago(now, 45), to: ago(now, -70) }, { seriesId: series.id });

  return deps.db.transaction().execute(async (trx) => {
    await q.lockDemoSeed(trx);
    if ((await q.countUsersOfDomain(trx, DEMO_EMAIL_DOMAIN)) > 0) return null;
    const people = await q.insertPeople(
      trx,
      DEMO_PEOPLE.map((person) => ({ ...person, email: demoEmail(person) })),
      { charterVersion: CHARTER.version, since: ago(now, 60) },
    );
    const spaces = await q.spaceIdsBySlug(trx, Object.keys(DEMO_MEMBERSHIPS));
    const run: Run = { trx, now, people, spaces };

    await addMemberships(run);
    let threads = 0;
    for (const thread of DEMO_THREADS) {
      if (await addThread(run, thread.space, thread.title, thread.posts, thread.pinned ?? false)) threads += 1;
    }
    let documents = 0;
    for (const document of DEMO_DOCUMENTS) {
      const spaceId = spaces.get(document.space);
      if (!spaceId) continue;
      await addDocument(run, { spaceId, title: document.title, author: document.author, versions: document.versions });
      documents += 1;
    }
    await q.insertLinks(
      trx,
      DEMO_LINKS.filter((link) => spaces.has(link.space)).map((link, index) => ({
        spaceId: spaces.get(link.space) as string,
        url: link.url,
        title: link.title,
        description: link.description,
        createdBy: idOf(run, link.author),
        createdAt: ago(now, 15 - index * 4),
      })),
    );
    let events = 0;
    if (series) {
      const { past, next } = await q.permanenceAround(trx, series.id, now);
      if (past && (await addPastPermanence(run, past))) {
        events += 1;
        threads += 1;
        documents += 1;
      }
      if (next) {
        await q.insertRegistrations(trx, next.id, registrations(run, DEMO_PERMANENCE.next, 'registered', 10));
        events += 1;
      }
    }
    await addInitiation(run, deps);
    events += 1 + (await addAssembly(run, deps));
    return { people: people.size, threads, documents, events };
  });
}

async function addMemberships(run: Run) {
  const rows = Object.entries(DEMO_MEMBERSHIPS).flatMap(([slug, { animateurs, members }]) => {
    const spaceId = run.spaces.get(slug);
    if (!spaceId) return [];
    const since = ago(run.now, 45);
    return [
      ...animateurs.map((key) => ({ spaceId, userId: idOf(run, key), role: 'animateur' as const, since })),
      ...members.map((key) => ({ spaceId, userId: idOf(run, key), role: 'membre' as const, since })),
    ];
  });
  await q.insertMemberships(run.trx, rows);
}

/** A thread as members would have written it: sanitized bodies, mentions, reactions. */
async function addThread(run: Run, slug: string, title: string, posts: DemoPost[], pinned: boolean) {
  const spaceId = run.spaces.get(slug);
  if (!spaceId) return null;
  const members = membersOf(run, slug);
  const rows = posts.map((post) => {
    const body = sanitizePostBody(post.body);
    return {
      authorId: idOf(run, post.author),
      body,
      createdAt: ago(run.now, post.daysAgo),
      replyToNumber: post.replyTo ?? null,
      mentions: findMentions(body, members).map((person) => person.id),
    };
  });
  const { threadId, postIds } = await q.insertThreadWithPosts(run.trx, { spaceId, title, pinned, posts: rows });
  await q.insertReactions(
    run.trx,
    posts.flatMap((post, index) =>
      Object.entries(post.reactions ?? {}).flatMap(([emoji, keys]) =>
        (keys ?? []).map((key) => ({ postId: postIds[index] as string, userId: idOf(run, key), emoji })),
      ),
    ),
  );
  await q.insertMentionNotices(
    run.trx,
    rows.flatMap((row, index) =>
      row.mentions.map((userId) => ({
        userId,
        actorId: row.authorId,
        spaceId,
        threadId,
        postId: postIds[index] as string,
      })),
    ),
  );
  return threadId;
}

/** TipTap's nodes (StarterKit names) for the demo's few kinds of block. */
function blockNode(block: DemoBlock): Y.XmlElement {
  const paragraph = (text: string) => {
    const element = new Y.XmlElement('paragraph');
    element.insert(0, [new Y.XmlText(text)]);
    return element;
  };
  if ('heading' in block) {
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 2 as never);
    heading.insert(0, [new Y.XmlText(block.heading)]);
    return heading;
  }
  if ('paragraph' in block) return paragraph(block.paragraph);
  const list = new Y.XmlElement('bulletList');
  list.insert(
    0,
    block.list.map((text) => {
      const item = new Y.XmlElement('listItem');
      item.insert(0, [paragraph(text)]);
      return item;
    }),
  );
  return list;
}

function docOf(blocks: DemoBlock[]): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment(COLLAB_FIELD).insert(0, blocks.map(blockNode));
  return doc;
}

/**
 * A document whose history is one Y.Doc changed version after version, as editors would have
 * changed it: each version but the last is kept in the history (named or automatic), the last
 * is the current text.
 */
async function addDocument(
  run: Run,
  input: { spaceId: string | null; title: string; author: string; versions: DemoDocumentVersion[] },
) {
  const doc = new Y.Doc();
  const kept: q.DemoVersionRow[] = [];
  const published: Array<{ at: number; html: string; version: DemoDocumentVersion }> = [];
  for (const [index, version] of input.versions.entries()) {
    replaceContent(doc, docOf(version.blocks));
    if (index === input.versions.length - 1 && !version.name) break;
    if (version.published) published.push({ at: kept.length, html: htmlOf(doc), version });
    kept.push({
      kind: version.name ? 'named' : 'auto',
      name: version.name ?? null,
      state: Y.encodeStateAsUpdate(doc),
      plainText: plainTextOf(doc),
      createdBy: version.name ? idOf(run, version.author) : null,
      createdAt: ago(run.now, version.daysAgo),
    });
  }
  const first = input.versions[0];
  const last = input.versions.at(-1);
  if (!first || !last) throw new Error('demo: a document needs a version');
  const { id, versionIds } = await q.insertDocumentWithVersions(run.trx, {
    spaceId: input.spaceId,
    title: input.title,
    createdBy: idOf(run, input.author),
    createdAt: ago(run.now, first.daysAgo),
    state: Y.encodeStateAsUpdate(doc),
    plainText: plainTextOf(doc),
    lastEditedBy: idOf(run, last.author),
    lastEditedAt: ago(run.now, last.daysAgo),
    versions: kept,
  });
  for (const { at, html, version } of published) {
    const sourceId = versionIds[at];
    if (!sourceId || !version.published) continue;
    const { kind, summary, themes, licence } = version.published;
    await q.insertPublication(
      run.trx,
      {
        space_id: input.spaceId,
        source_type: 'document_version',
        source_id: sourceId,
        title: input.title,
        summary,
        kind,
        themes,
        licence,
        html,
        plain_text: kept[at]?.plainText ?? '',
        url: null,
        published_by: idOf(run, version.author),
      },
      ago(run.now, version.daysAgo),
    );
  }
  return id;
}

/** Registrations made in list order, one minute apart, from `daysAgo` days before now. */
function registrations(run: Run, keys: string[], status: 'registered' | 'waitlisted', daysAgo: number) {
  return keys.map((key, index) => ({
    userId: idOf(run, key),
    status,
    createdAt: new Date(ago(run.now, daysAgo).getTime() + index * 60_000),
  }));
}

/** The last permanence: who came, their questions and votes, the compte rendu, the follow-up. */
async function addPastPermanence(run: Run, event: { id: string; starts_at: Date }) {
  const { trx } = run;
  const host = idOf(run, 'morgane.lambert');
  const startsAt = new Date(event.starts_at);
  const daysSince = (run.now.getTime() - startsAt.getTime()) / DAY;
  await q.insertRegistrations(
    trx,
    event.id,
    registrations(run, DEMO_PERMANENCE.attendees, 'registered', daysSince + 7),
  );
  await q.insertAttendances(
    trx,
    event.id,
    DEMO_PERMANENCE.attendees.map((key) => idOf(run, key)),
    host,
  );
  for (const [index, question] of DEMO_PERMANENCE.questions.entries()) {
    await q.insertQuestion(trx, {
      eventId: event.id,
      authorId: idOf(run, question.author),
      body: question.body,
      status: question.status,
      transmittedSpaceId: question.transmittedTo ? (run.spaces.get(question.transmittedTo) ?? null) : null,
      voterIds: question.votes.map((key) => idOf(run, key)),
      createdAt: new Date(startsAt.getTime() + (index + 1) * 5 * 60_000),
    });
  }
  const dateLabel = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: ALLIANCE_ZONE }).format(startsAt);
  const reportId = await addDocument(run, {
    spaceId: null,
    title: `Compte rendu — La permanence — ${dateLabel}`,
    author: 'morgane.lambert',
    versions: [{ daysAgo: Math.max(daysSince - 0.2, 0), author: 'morgane.lambert', blocks: DEMO_PERMANENCE.report }],
  });
  const followUp = DEMO_PERMANENCE.followUp;
  const threadId = await addThread(
    run,
    followUp.space,
    `Suite de la permanence du ${dateLabel}`,
    followUp.posts.map((post) => ({ ...post, daysAgo: Math.min(post.daysAgo, daysSince - 0.1) })),
    false,
  );
  await linkEvent(trx, event.id, { report_document_id: reportId });
  if (threadId) await linkEvent(trx, event.id, { follow_up_thread_id: threadId });
  return threadId !== null;
}

/** A one-off initiation session of the alliance, full, two people on its waitlist. */
async function addInitiation(run: Run, deps: EventsDeps) {
  const day = instantToWallTime(ago(run.now, -DEMO_INITIATION.daysAhead), ALLIANCE_ZONE);
  const startsAt = wallTimeToInstant({ ...day, ...DEMO_INITIATION.startTime }, ALLIANCE_ZONE);
  const id = await insertEvent(run.trx, {
    series_id: null,
    occurrence_date: null,
    space_id: null,
    title: DEMO_INITIATION.title,
    kind: 'initiation',
    summary: DEMO_INITIATION.summary,
    starts_at: startsAt,
    ends_at: new Date(startsAt.getTime() + DEMO_INITIATION.durationMinutes * 60_000),
    timezone: ALLIANCE_ZONE,
    mode: 'visio',
    capacity: DEMO_INITIATION.capacity,
    video_url: DEMO_INITIATION.videoUrl,
    address: null,
    accessibility_note: null,
    registration_deadline: null,
    created_by: idOf(run, DEMO_INITIATION.organiser),
  });
  await q.insertRegistrations(run.trx, id, [
    ...registrations(run, DEMO_INITIATION.registered, 'registered', 6),
    ...registrations(run, DEMO_INITIATION.waitlisted, 'waitlisted', 2),
  ]);
  await scheduleReminders(deps, run.trx, { id, starts_at: startsAt });
}

/** The Assemblée des alliés: questions, three sessions, a few people registered with their choices. */
async function addAssembly(run: Run, deps: EventsDeps): Promise<number> {
  const day = instantToWallTime(ago(run.now, -DEMO_ASSEMBLY.daysAhead), ALLIANCE_ZONE);
  const startsAt = wallTimeToInstant({ ...day, ...DEMO_ASSEMBLY.startTime }, ALLIANCE_ZONE);
  const minutes = (count: number) => new Date(startsAt.getTime() + count * 60_000);
  const common = {
    series_id: null,
    occurrence_date: null,
    space_id: null,
    timezone: ALLIANCE_ZONE,
    mode: 'presentiel' as const,
    video_url: null,
    address: DEMO_ASSEMBLY.address,
    accessibility_note: DEMO_ASSEMBLY.accessibilityNote,
    registration_deadline: null,
    created_by: idOf(run, DEMO_ASSEMBLY.organiser),
  };
  const id = await insertEvent(run.trx, {
    ...common,
    title: DEMO_ASSEMBLY.title,
    kind: 'autre',
    summary: DEMO_ASSEMBLY.summary,
    starts_at: startsAt,
    ends_at: minutes(DEMO_ASSEMBLY.durationMinutes),
    capacity: DEMO_ASSEMBLY.capacity,
    registration_questions: JSON.stringify(DEMO_ASSEMBLY.questions),
  });
  const seats = registrations(
    run,
    DEMO_ASSEMBLY.registered.map((one) => one.person),
    'registered',
    5,
  );
  await q.insertRegistrations(
    run.trx,
    id,
    DEMO_ASSEMBLY.registered.map((one, index) => ({
      ...(seats[index] as (typeof seats)[number]),
      answers: {
        organisation: DEMO_PEOPLE.find((person) => person.key === one.person)?.organisation,
        meal: one.meal,
      },
    })),
  );
  await scheduleReminders(deps, run.trx, { id, starts_at: startsAt });
  for (const [index, session] of DEMO_ASSEMBLY.sessions.entries()) {
    const sessionId = await insertEvent(run.trx, {
      ...common,
      parent_id: id,
      title: session.title,
      kind: 'atelier',
      summary: '',
      starts_at: minutes(session.offsetMinutes),
      ends_at: minutes(session.offsetMinutes + session.durationMinutes),
      capacity: session.capacity,
    });
    const chosen = DEMO_ASSEMBLY.registered.filter((one) => (one.sessions as readonly number[]).includes(index));
    await q.insertRegistrations(
      run.trx,
      sessionId,
      registrations(
        run,
        chosen.map((one) => one.person),
        'registered',
        4,
      ),
    );
  }
  return 1;
}
