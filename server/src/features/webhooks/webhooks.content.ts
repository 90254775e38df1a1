import type {
  Post,
  Thread,
  Webhook,
  WebhookData,
  WebhookDelivery,
  WebhookEventType,
  WebhookPayload,
} from '@atelier/contract';
import type { WebhookDeliveryStatus } from '../../db/schema';

/**
 * What each event tells a webhook. Plain data that every reader of the space sees on its
 * pages anyway — titles, authors' names, a post's sanitized body, counts of seats — and never
 * what only some see: no visio link, no registrant, no answer to registration questions, no
 * per-reader field (unread counts, own reactions). Links are absolute, built once the space's
 * slug is known (at fan-out).
 */
export interface WebhookEvent<T extends WebhookEventType = WebhookEventType> {
  type: T;
  data: (space: { slug: string }, link: (path: string) => string) => WebhookData<T>;
}

const person = (author: { id: string; displayName: string }) => ({ id: author.id, displayName: author.displayName });

export const webhookEvents = {
  threadCreated: (thread: Pick<Thread, 'id' | 'title' | 'author' | 'createdAt'>): WebhookEvent<'thread.created'> => ({
    type: 'thread.created',
    data: (space, link) => ({
      thread: {
        id: thread.id,
        title: thread.title,
        author: person(thread.author),
        createdAt: thread.createdAt,
        url: link(`/espaces/${space.slug}/fils/${thread.id}`),
      },
    }),
  }),
  postCreated: (
    post: Pick<Post, 'id' | 'threadId' | 'author' | 'body' | 'createdAt'>,
  ): WebhookEvent<'post.created'> => ({
    type: 'post.created',
    data: (space, link) => ({
      post: {
        id: post.id,
        threadId: post.threadId,
        author: person(post.author),
        body: post.body,
        createdAt: post.createdAt,
        url: link(`/espaces/${space.slug}/fils/${post.threadId}#post-${post.id}`),
      },
    }),
  }),
  documentVersionCreated: (
    document: { id: string; title: string },
    version: { id: string; name: string | null; created_at: Date },
  ): WebhookEvent<'document.version_created'> => ({
    type: 'document.version_created',
    data: (space, link) => ({
      document: {
        id: document.id,
        title: document.title,
        url: link(`/espaces/${space.slug}/documents/${document.id}`),
      },
      version: { id: version.id, name: version.name, createdAt: new Date(version.created_at).toISOString() },
    }),
  }),
  /** The counts only, as the event's room announces them: never who. */
  registrationChanged: (
    eventId: string,
    counts: { registeredCount: number; waitlistCount: number },
  ): WebhookEvent<'registration.changed'> => ({
    type: 'registration.changed',
    data: () => ({ eventId, registeredCount: counts.registeredCount, waitlistCount: counts.waitlistCount }),
  }),
  eventCreated: (event: {
    id: string;
    title: string;
    starts_at: Date;
    ends_at: Date;
    timezone: string;
  }): WebhookEvent<'event.created'> => ({
    type: 'event.created',
    data: (_space, link) => ({
      event: {
        id: event.id,
        title: event.title,
        startsAt: new Date(event.starts_at).toISOString(),
        endsAt: new Date(event.ends_at).toISOString(),
        timezone: event.timezone,
        url: link(`/evenements/${event.id}`),
      },
    }),
  }),
};

/** The body of every delivery of one event: the same string, hence the same `id`, on every retry. */
export function payloadOf(input: {
  id: string;
  event: WebhookEvent;
  space: { id: string; slug: string };
  publicUrl: string;
  now: Date;
}): string {
  const payload: WebhookPayload = {
    id: input.id,
    type: input.event.type,
    createdAt: input.now.toISOString(),
    space: { id: input.space.id, slug: input.space.slug },
    data: input.event.data(input.space, (path) => `${input.publicUrl}${path}`),
  };
  return JSON.stringify(payload);
}

export const toWebhook = (row: {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabled_reason: string | null;
  failure_count: number;
  created_at: Date;
}): Webhook => ({
  id: row.id,
  url: row.url,
  events: row.events as WebhookEventType[],
  enabled: row.enabled,
  disabledReason: row.disabled_reason,
  failureCount: row.failure_count,
  createdAt: new Date(row.created_at).toISOString(),
});

export const toDelivery = (row: {
  id: string;
  event: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  status_code: number | null;
  duration_ms: number | null;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}): WebhookDelivery => ({
  id: row.id,
  event: row.event as WebhookEventType,
  status: row.status,
  attempts: row.attempts,
  statusCode: row.status_code,
  durationMs: row.duration_ms,
  error: row.error,
  createdAt: new Date(row.created_at).toISOString(),
  finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
});
