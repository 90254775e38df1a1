import { THREAD_TITLE_MAX_CHARS } from '@atelier/contract';
import { escapeHtml } from '../../../core/mail-content';
import type { EventRecord } from '../events.queries';

type EventFacts = Pick<EventRecord, 'id' | 'title' | 'starts_at' | 'timezone'>;

/** « 1 décembre 2026 »: the day of the event in its own time zone. */
const eventDay = (event: EventFacts) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: event.timezone }).format(new Date(event.starts_at));

/**
 * « Questions transmises par Permanence de décembre (1 décembre 2026) »: the thread that gathers,
 * in one space, the questions an event handed to it. A long event title is shortened so that
 * the whole stays within a thread title's length.
 */
export function transmissionThreadTitle(event: EventFacts): string {
  const before = 'Questions transmises par ';
  const after = ` (${eventDay(event)})`;
  const room = THREAD_TITLE_MAX_CHARS - before.length - after.length;
  const title = event.title.length <= room ? event.title : `${event.title.slice(0, room - 1).trimEnd()}…`;
  return `${before}${title}${after}`;
}

const supporters = (votes: number) => `${votes} ${votes >= 2 ? 'soutiens' : 'soutien'}`;

/**
 * The post that quotes a transmitted question: its text first (notifications and mails show the
 * beginning of a post), then who asked, at which event (a link to its page) and how many
 * supported it. Questions are always signed on the event page, so the asker is named here too.
 * Every piece of text is escaped: the question is plain text, not HTML.
 */
export function transmissionPostBody(input: {
  event: EventFacts;
  question: { body: string; authorName: string; votes: number };
}): string {
  const { event, question } = input;
  const link = `<a href="/evenements/${encodeURIComponent(event.id)}">${escapeHtml(event.title)}</a>`;
  return [
    `<blockquote><p>${escapeHtml(question.body)}</p></blockquote>`,
    `<p>Question posée par <strong>${escapeHtml(question.authorName)}</strong> lors de ${link} (${eventDay(event)}),`,
    ` avec ${supporters(question.votes)}.</p>`,
  ].join('');
}
