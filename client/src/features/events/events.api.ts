import {
  CalendarFeedSchema,
  type Event,
  type EventCreateBody,
  EventDetailSchema,
  EventEnvelopeSchema,
  EventListSchema,
  type EventUpdateBody,
  GuestRegistrationAcceptedSchema,
  type GuestRegistrationBody,
  GuestRegistrationConfirmedSchema,
  type RegistrationAnswers,
  RegistrationEnvelopeSchema,
  SeriesFollowSchema,
} from '@atelier/contract';
import { api } from '../../lib/api';

/** The events HTTP calls, typed and checked against the contract. */

const eventPath = (id: string) => `/api/events/${encodeURIComponent(id)}`;
const seriesPath = (id: string) => `/api/series/${encodeURIComponent(id)}`;

export interface EventListQuery {
  from?: string;
  to?: string;
  spaceId?: string;
  kind?: Event['kind'];
}

export const eventsApi = {
  list: (query: EventListQuery, signal?: AbortSignal) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    const search = params.toString();
    return api.get(`/api/events${search ? `?${search}` : ''}`, EventListSchema, signal);
  },
  get: (id: string) => api.get(eventPath(id), EventDetailSchema),
  create: (body: EventCreateBody) => api.post('/api/events', body, EventEnvelopeSchema),
  update: (id: string, body: EventUpdateBody) => api.patch(eventPath(id), body, EventEnvelopeSchema),
  cancel: (id: string, reason: string) => api.post(`${eventPath(id)}/cancel`, { reason }, EventEnvelopeSchema),
  register: (id: string, answers?: RegistrationAnswers) =>
    api.post(`${eventPath(id)}/registrations`, answers ? { answers } : undefined, RegistrationEnvelopeSchema),
  unregister: (id: string) => api.delete(`${eventPath(id)}/registrations/me`),
  cancelByToken: (token: string) => api.post('/api/registrations/cancel', { token }, EventEnvelopeSchema),
  /** Without an account: the link to confirm is mailed. */
  registerAsGuest: (id: string, body: GuestRegistrationBody) =>
    api.post(`${eventPath(id)}/guest-registrations`, body, GuestRegistrationAcceptedSchema),
  confirmGuest: (token: string) =>
    api.post('/api/guest-registrations/confirm', { token }, GuestRegistrationConfirmedSchema),
  follow: (seriesId: string) => api.put(`${seriesPath(seriesId)}/follow`, undefined, SeriesFollowSchema),
  unfollow: (seriesId: string) => api.delete(`${seriesPath(seriesId)}/follow`, SeriesFollowSchema),
  feed: () => api.get('/api/calendar/feed', CalendarFeedSchema),
  rotateFeed: () => api.post('/api/calendar/feed/rotate', undefined, CalendarFeedSchema),
};

/** Downloads (plain links: the browser saves the .ics itself). */
export const eventIcsUrl = (id: string) => `${eventPath(id)}/ics`;
export const seriesIcsUrl = (id: string) => `${seriesPath(id)}/ics`;
