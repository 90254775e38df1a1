import { type Event, type EventUpdateBody, rooms } from '@atelier/contract';
import { createResource, createSignal } from 'solid-js';
import { useRoom } from '../../lib/socket';
import { session } from '../accounts/session.store';
import { eventIcsUrl, eventsApi, seriesIcsUrl } from './events.api';

/**
 * One event's page: the event as the server describes it to this reader (registration, visio
 * link and tools are theirs, so it is read again when someone else signs in), its seats counted
 * live on room `event:<id>`, and every action on it. After registering or leaving the page reads
 * the event again: the server decides the seat, the waitlist rank and the visio link.
 */
export function createEventStore(id: () => string) {
  const [detail, { mutate, refetch }] = createResource(
    () => (session.status() === 'loading' ? false : `${id()} ${session.user()?.id ?? ''}`),
    () => eventsApi.get(id()),
  );
  /** The series follow state once changed here, until the page reads the event again. */
  const [following, setFollowing] = createSignal<boolean | null>(null);

  /** Reads the event again without going back to "Chargement…" (focus stays where it is). */
  const refresh = async () => {
    mutate(await eventsApi.get(id()));
    setFollowing(null);
  };

  useRoom(() => rooms.event(id()), {
    onSubscribed: () => void refresh().catch(() => undefined),
    onResync: () => void refresh().catch(() => undefined),
    on: {
      'registration.changed': (counts) => {
        if (counts.eventId !== id()) return;
        const { registeredCount, waitlistCount } = counts;
        mutate((current) =>
          current ? { ...current, event: { ...current.event, registeredCount, waitlistCount } } : current,
        );
        // A seat freed may be this reader's now, or their rank on the waitlist changed: the
        // counts never say who, so a reader who waits reads their own state again.
        if (detail.latest?.myRegistration?.status === 'waitlisted') void refresh().catch(() => undefined);
      },
      'event.changed': (changed) => {
        if (changed.eventId === id()) void refresh().catch(() => undefined);
      },
    },
  });

  const setEvent = (event: Event) =>
    mutate((current) => (current ? { ...current, event: { ...current.event, ...event } } : current));

  return {
    detail,
    /** Starts over after a failed first load. */
    reload: () => refetch(),
    refresh,
    setEvent,

    /** A seat, or a place on the waitlist when it is full. */
    register: async () => (await eventsApi.register(id())).registration,
    unregister: () => eventsApi.unregister(id()),

    isFollowingSeries: () => following() ?? detail.latest?.followingSeries ?? false,
    toggleSeries: async () => {
      const seriesId = detail.latest?.event.seriesId;
      if (!seriesId) return false;
      const follow = !(following() ?? detail.latest?.followingSeries);
      const answer = follow ? await eventsApi.follow(seriesId) : await eventsApi.unfollow(seriesId);
      setFollowing(answer.following);
      return answer.following;
    },

    /** Downloads: plain links, the browser saves the .ics itself. */
    icsUrl: () => eventIcsUrl(id()),
    seriesIcsUrl,

    /** This occurrence only; the reason goes to the people registered. */
    cancel: async (reason: string) => {
      const { event } = await eventsApi.cancel(id(), reason);
      setEvent(event);
      return event;
    },
  };
}
export type EventStore = ReturnType<typeof createEventStore>;

/** The event as its edit form starts from, and saving the form. */
export function createEventEditor(id: () => string) {
  const [detail] = createResource(id, (value) => eventsApi.get(value));
  return {
    detail,
    save: async (body: EventUpdateBody) => (await eventsApi.update(id(), body)).event,
  };
}
