import {
  type Event,
  type EventCreateBody,
  type EventUpdateBody,
  type GuestRegistrationBody,
  type RegistrationAnswers,
  rooms,
} from '@atelier/contract';
import { createResource, createSignal } from 'solid-js';
import { useRoom } from '../../lib/socket';
import { session } from '../accounts/session.store';
import { eventIcsUrl, eventsApi, seriesIcsUrl } from './events.api';

/**
 * One event's page: the event as the server describes it to this reader (registration, visio
 * link and tools are theirs, so it is read again when someone else signs in), its seats and its
 * sessions' seats counted live on room `event:<id>`, and every action on it. After registering
 * or leaving the page reads the event again: the server decides the seat, the waitlist rank and
 * the visio link.
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
        const { eventId, registeredCount, waitlistCount } = counts;
        const seats = (event: Event) => (event.id === eventId ? { ...event, registeredCount, waitlistCount } : event);
        mutate((current) =>
          current
            ? {
                ...current,
                event: seats(current.event),
                sessions: current.sessions.map((one) => ({ ...one, event: seats(one.event) })),
              }
            : current,
        );
        // A seat freed may be this reader's now, or their rank on the waitlist changed: the
        // counts never say who, so a reader who waits (here or in that session) reads their own state again.
        const latest = detail.latest;
        const place =
          eventId === id()
            ? latest?.myRegistration
            : latest?.sessions.find((one) => one.event.id === eventId)?.myRegistration;
        if (place?.status === 'waitlisted') void refresh().catch(() => undefined);
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

    /** A seat, or a place on the waitlist when it is full, with the answers to the event's questions. */
    register: async (answers?: RegistrationAnswers) => (await eventsApi.register(id(), answers)).registration,
    unregister: () => eventsApi.unregister(id()),
    /** Without an account: nothing is held until the mailed link is followed. */
    registerAsGuest: (body: GuestRegistrationBody) => eventsApi.registerAsGuest(id(), body),

    /** A place in one of the event's sessions, or giving it up; the page is read again after. */
    chooseSession: async (sessionId: string) => {
      const { registration } = await eventsApi.register(sessionId);
      await refresh().catch(() => undefined);
      return registration;
    },
    leaveSession: async (sessionId: string) => {
      await eventsApi.unregister(sessionId);
      await refresh().catch(() => undefined);
    },
    /** A new session in the programme (those who manage the event). */
    addSession: async (body: EventCreateBody) => {
      const { event } = await eventsApi.create({ ...body, parentId: id() });
      await refresh().catch(() => undefined);
      return event;
    },

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
