import { type EventCreateBody, NextPermanenceSchema } from '@atelier/contract';
import { createResource } from 'solid-js';
import { api } from '../../lib/api';
import { session } from '../accounts/session.store';
import { type EventListQuery, eventsApi } from './events.api';

export type { EventListQuery };

/** The next permanence (first Tuesday of the month, online), or null when none is planned. */
export function createNextPermanence() {
  const [next, { refetch }] = createResource(async () => {
    const body = await api.get('/api/permanence/next', NextPermanenceSchema);
    return body.next;
  });
  return { next, refetch };
}

/**
 * Events matching `query` (null: none asked yet). Read again when the person signs in or out:
 * what they see, and the counts, may depend on who they are.
 */
export function createEventList(query: () => EventListQuery | null) {
  const [events, { refetch }] = createResource(
    () => {
      const wanted = query();
      if (!wanted) return false;
      return { ...wanted, viewer: session.viewerKey() };
    },
    async ({ viewer: _viewer, ...wanted }) => (await eventsApi.list(wanted)).items,
  );
  return { events, refetch };
}

/** Plans an event (or a series: its first occurrence comes back). */
export const createEvent = async (body: EventCreateBody) => (await eventsApi.create(body)).event;

/** The "je ne peux plus venir" link of the mails: the token is the person's proof. */
export const cancelRegistrationByToken = async (token: string) => (await eventsApi.cancelByToken(token)).event;

/**
 * "Mon agenda": the secret address of the person's calendar feed, and a new one when the old
 * was shared by mistake (the old one stops working).
 */
export function createCalendarFeed() {
  const [feed, { mutate, refetch }] = createResource(() => eventsApi.feed().then((body) => body.url));
  return {
    feed,
    reload: () => refetch(),
    rotate: async () => {
      const { url } = await eventsApi.rotateFeed();
      mutate(url);
      return url;
    },
  };
}
