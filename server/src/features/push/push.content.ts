import { formatEventRange, formatTime, type Locale, type PushMessage } from '@atelier/contract';

/** What a push is about; the text is written when it is sent, in the person's language. */
export type PushTopic =
  | { kind: 'mention' | 'reply'; postId: string }
  | { kind: 'promoted' | 'event_start'; eventId: string };

export interface PostFacts {
  post_id: string;
  thread_id: string;
  thread_title: string;
  space_slug: string;
  author_name: string;
}

export interface EventFacts {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  timezone: string;
}

const TEXT = {
  fr: {
    mention: (author: string) => `${author} vous a mentionné·e`,
    reply: (author: string) => `${author} vous a répondu`,
    inThread: (thread: string) => `Dans « ${thread} »`,
    promoted: 'Une place s’est libérée : vous êtes inscrit·e',
    promotedBody: (title: string, when: string) => `« ${title} », ${when}`,
    starting: (title: string) => `« ${title} » commence`,
    startingBody: (time: string) => `C’est maintenant, à ${time}.`,
  },
  en: {
    mention: (author: string) => `${author} mentioned you`,
    reply: (author: string) => `${author} replied to you`,
    inThread: (thread: string) => `In “${thread}”`,
    promoted: 'A seat has freed up: you are registered',
    promotedBody: (title: string, when: string) => `“${title}”, ${when}`,
    starting: (title: string) => `“${title}” is starting`,
    startingBody: (time: string) => `It starts now, at ${time}.`,
  },
} satisfies Record<Locale, unknown>;

/** Lock screens show a line or two: long names are cut, never the sentence around them. */
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

export function postPushMessage(locale: Locale, kind: 'mention' | 'reply', post: PostFacts): PushMessage {
  const text = TEXT[locale];
  return {
    title: clip(text[kind](clip(post.author_name, 60)), 120),
    body: clip(text.inThread(clip(post.thread_title, 200)), 300),
    url: `/espaces/${encodeURIComponent(post.space_slug)}/fils/${encodeURIComponent(post.thread_id)}#message-${post.post_id}`,
  };
}

export function eventPushMessage(locale: Locale, kind: 'promoted' | 'event_start', event: EventFacts): PushMessage {
  const text = TEXT[locale];
  const url = `/evenements/${encodeURIComponent(event.id)}`;
  if (kind === 'promoted') {
    const when = formatEventRange(event.starts_at, event.ends_at, locale, event.timezone);
    return { title: text.promoted, body: clip(text.promotedBody(clip(event.title, 160), when), 300), url };
  }
  return {
    title: clip(text.starting(clip(event.title, 100)), 120),
    body: text.startingBody(formatTime(new Date(event.starts_at), locale, event.timezone)),
    url,
  };
}
