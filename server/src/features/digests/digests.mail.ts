import { formatEventRange, type Locale, UNREAD_COUNT_MAX } from '@atelier/contract';
import type { MailSender } from '../../core/mail';
import { type MailLine, type MailSection, renderMail } from '../../core/mail-content';
import type { Db } from '../../db/database';
import { eventUrl } from '../events/events.mail';
import type { DigestPeriod } from './schedule';

/** The person's place at an event, as the digest tells it. */
export type DigestSeat =
  | { status: 'registered' }
  | { status: 'waitlisted'; position: number }
  | { status: 'none'; full: boolean; closed: boolean };

export interface DigestEvent {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  /** Announced during the period. */
  isNew: boolean;
  seat: DigestSeat;
}

export interface DigestThread {
  id: string;
  title: string;
  /** Started during the period (else: new messages in an older thread). */
  isNew: boolean;
  authorName: string;
  unreadCount: number;
}

export type DocumentChange =
  | { kind: 'created'; by: string | null }
  /** Versions saved by name (`null`: a restored one). */
  | { kind: 'versions'; names: Array<string | null> }
  | { kind: 'edited'; by: string | null };

export interface DigestDocument {
  id: string;
  title: string;
  change: DocumentChange;
}

export interface DigestResource {
  kind: 'file' | 'link';
  title: string;
  by: string;
}

/** What is new in one space for one person; lists are already cut, `more` counts what was left out. */
export interface DigestSpace {
  id: string;
  slug: string;
  title: string;
  threads: DigestThread[];
  documents: DigestDocument[];
  resources: DigestResource[];
  events: DigestEvent[];
  more: { threads: number; documents: number; resources: number };
  /** The landing page that stops this space's mails (`unsubscribeLinks(...).pageUrl`). */
  unsubscribeUrl: string;
}

export interface DigestMail {
  to: { email: string; displayName: string; locale: Locale };
  period: DigestPeriod;
  /** In the order shown; the first one's list is the one of the `List-Unsubscribe` headers. */
  spaces: DigestSpace[];
  permanence: DigestEvent | null;
  /** `List-Unsubscribe` and `List-Unsubscribe-Post` of the first space's list. */
  headers: Record<string, string>;
}

export interface DigestsMailer {
  /** Writes the digest to the outbox through `db` (the caller's transaction). */
  sendDigest(db: Db, digest: DigestMail): Promise<void>;
}

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

const TEXT = {
  fr: {
    subject: {
      daily: 'Votre résumé du jour — Atelier des transitions',
      weekly: 'Votre résumé de la semaine — Atelier des transitions',
    },
    greeting: (name: string) => `Bonjour ${name},`,
    intro: {
      daily: 'Voici les nouveautés de vos espaces sur les dernières 24 heures.',
      weekly: 'Voici les nouveautés de vos espaces sur les 7 derniers jours.',
    },
    groups: { threads: 'Discussions', documents: 'Documents', resources: 'Ressources', events: 'Prochains événements' },
    quoted: (title: string) => `« ${title} »`,
    unread: (count: number, max: boolean) =>
      `${count}${max ? '+' : ''} ${plural(count, 'message non lu', 'messages non lus')}`,
    newThread: (author: string) => `nouveau fil de ${author}`,
    created: (by: string | null) => (by ? `nouveau document de ${by}` : 'nouveau document'),
    versions: (names: Array<string | null>) =>
      names.map((name) => (name === null ? 'une version restaurée' : `nouvelle version « ${name} »`)).join(', '),
    edited: (by: string | null) => (by ? `modifié par ${by}` : 'modifié'),
    file: (name: string) => `Fichier « ${name} »`,
    link: (title: string) => `Lien « ${title} »`,
    sharedBy: (by: string) => `partagé par ${by}`,
    more: (count: number) => `… et ${count} ${plural(count, 'autre', 'autres')}`,
    newEvent: 'nouveau',
    seat: {
      registered: 'vous êtes inscrit·e',
      waitlisted: (position: number) => `vous êtes en liste d’attente (n°${position})`,
      closed: 'inscriptions closes',
      full: 'complet — liste d’attente ouverte sur la page de l’événement',
      open: 'places disponibles — inscrivez-vous sur la page de l’événement',
    },
    unsubscribe: (space: string) => `Ne plus recevoir ce résumé pour ${space}`,
    permanence: 'Prochaine permanence',
    footer:
      'Vous recevez ce résumé selon vos réglages de notifications. Ce message vous est envoyé par l’Atelier des transitions.',
  },
  en: {
    subject: {
      daily: 'Your daily digest — Atelier des transitions',
      weekly: 'Your weekly digest — Atelier des transitions',
    },
    greeting: (name: string) => `Hello ${name},`,
    intro: {
      daily: 'Here is what is new in your spaces over the last 24 hours.',
      weekly: 'Here is what is new in your spaces over the last 7 days.',
    },
    groups: { threads: 'Discussions', documents: 'Documents', resources: 'Resources', events: 'Next events' },
    quoted: (title: string) => `“${title}”`,
    unread: (count: number, max: boolean) =>
      `${count}${max ? '+' : ''} ${plural(count, 'unread message', 'unread messages')}`,
    newThread: (author: string) => `new thread by ${author}`,
    created: (by: string | null) => (by ? `new document by ${by}` : 'new document'),
    versions: (names: Array<string | null>) =>
      names.map((name) => (name === null ? 'a version restored' : `new version “${name}”`)).join(', '),
    edited: (by: string | null) => (by ? `edited by ${by}` : 'edited'),
    file: (name: string) => `File “${name}”`,
    link: (title: string) => `Link “${title}”`,
    sharedBy: (by: string) => `shared by ${by}`,
    more: (count: number) => `… and ${count} more`,
    newEvent: 'new',
    seat: {
      registered: 'you are registered',
      waitlisted: (position: number) => `you are on the waitlist (position ${position})`,
      closed: 'registrations closed',
      full: 'full — join the waitlist on the event page',
      open: 'seats available — register on the event page',
    },
    unsubscribe: (space: string) => `Stop this digest for ${space}`,
    permanence: 'Next permanence',
    footer:
      'You receive this digest because of your notification settings. It was sent to you by the Atelier des transitions.',
  },
} as const;

type Words = (typeof TEXT)[Locale];

/** The client's pages the digest links to, absolute to the public URL. */
export function digestLinks(publicUrl: string) {
  const space = (slug: string) => `${publicUrl}/espaces/${encodeURIComponent(slug)}`;
  return {
    space,
    thread: (slug: string, threadId: string) => `${space(slug)}/fils/${encodeURIComponent(threadId)}`,
    document: (slug: string, documentId: string) => `${space(slug)}/documents/${encodeURIComponent(documentId)}`,
    resources: (slug: string) => `${space(slug)}?onglet=documents`,
    event: (eventId: string) => eventUrl(publicUrl, eventId),
  };
}

function seatNote(words: Words, seat: DigestSeat): string {
  if (seat.status === 'registered') return words.seat.registered;
  if (seat.status === 'waitlisted') return words.seat.waitlisted(seat.position);
  if (seat.closed) return words.seat.closed;
  return seat.full ? words.seat.full : words.seat.open;
}

function eventLine(words: Words, locale: Locale, event: DigestEvent, url: string): MailLine {
  const when = formatEventRange(event.startsAt, event.endsAt, locale, event.timezone);
  return {
    text: words.quoted(event.title),
    note: [...(event.isNew ? [words.newEvent] : []), when, seatNote(words, event.seat)].join(' · '),
    url,
  };
}

function documentNote(words: Words, change: DocumentChange): string {
  if (change.kind === 'created') return words.created(change.by);
  if (change.kind === 'versions') return words.versions(change.names);
  return words.edited(change.by);
}

/** One space of the digest: its groups in a fixed order, then the link that stops its digest. */
function spaceSection(words: Words, locale: Locale, links: ReturnType<typeof digestLinks>, space: DigestSpace) {
  const moreLine = (count: number, url: string): MailLine[] => (count > 0 ? [{ text: words.more(count), url }] : []);
  const threads = space.threads.map(
    (thread): MailLine => ({
      text: words.quoted(thread.title),
      note: [
        ...(thread.isNew ? [words.newThread(thread.authorName)] : []),
        words.unread(thread.unreadCount, thread.unreadCount >= UNREAD_COUNT_MAX),
      ].join(' · '),
      url: links.thread(space.slug, thread.id),
    }),
  );
  const documents = space.documents.map(
    (document): MailLine => ({
      text: words.quoted(document.title),
      note: documentNote(words, document.change),
      url: links.document(space.slug, document.id),
    }),
  );
  const resources = space.resources.map(
    (resource): MailLine => ({
      text: resource.kind === 'file' ? words.file(resource.title) : words.link(resource.title),
      note: words.sharedBy(resource.by),
      url: links.resources(space.slug),
    }),
  );
  return {
    title: space.title,
    url: links.space(space.slug),
    groups: [
      { title: words.groups.threads, lines: [...threads, ...moreLine(space.more.threads, links.space(space.slug))] },
      {
        title: words.groups.documents,
        lines: [...documents, ...moreLine(space.more.documents, links.resources(space.slug))],
      },
      {
        title: words.groups.resources,
        lines: [...resources, ...moreLine(space.more.resources, links.resources(space.slug))],
      },
      {
        title: words.groups.events,
        lines: space.events.map((event) => eventLine(words, locale, event, links.event(event.id))),
      },
      { lines: [{ text: words.unsubscribe(space.title), url: space.unsubscribeUrl }] },
    ],
  } satisfies MailSection;
}

/** The digest's subject and both parts, in the person's language. */
export async function composeDigest(publicUrl: string, digest: DigestMail) {
  const { locale } = digest.to;
  const words = TEXT[locale];
  const links = digestLinks(publicUrl);
  const subject = words.subject[digest.period];
  const sections: MailSection[] = digest.spaces.map((space) => spaceSection(words, locale, links, space));
  if (digest.permanence) {
    const { permanence } = digest;
    sections.push({
      title: words.permanence,
      groups: [{ lines: [eventLine(words, locale, permanence, links.event(permanence.id))] }],
    });
  }
  return {
    subject,
    ...(await renderMail({
      locale,
      title: subject,
      greeting: words.greeting(digest.to.displayName),
      paragraphs: [words.intro[digest.period]],
      sections,
      footer: words.footer,
    })),
  };
}

export function createDigestsMailer(mail: MailSender, publicUrl: string): DigestsMailer {
  return {
    async sendDigest(db, digest) {
      await mail.send(db, {
        to: digest.to.email,
        headers: digest.headers,
        ...(await composeDigest(publicUrl, digest)),
      });
    },
  };
}
