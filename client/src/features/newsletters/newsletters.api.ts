import {
  EventListSchema,
  NewsletterEnvelopeSchema,
  NewsletterListSchema,
  NewsletterSendResultSchema,
  NewsletterSubscriptionSchema,
  type NewsletterUpdateBody,
  SpaceResourcesSchema,
  SpaceResponseSchema,
  ThreadListSchema,
} from '@atelier/contract';
import { api, request } from '../../lib/api';

/** The infolettres calls of the contract, and the space's calls the « Insérer » menu reads. */

const id = (value: string) => encodeURIComponent(value);
const listPath = (slug: string) => `/api/spaces/${id(slug)}/newsletters`;
const issuePath = (newsletterId: string) => `/api/newsletters/${id(newsletterId)}`;

export const newslettersApi = {
  list: (slug: string, cursor?: string | null, limit = 20) =>
    api.get(`${listPath(slug)}?limit=${limit}${cursor ? `&cursor=${id(cursor)}` : ''}`, NewsletterListSchema),
  get: async (newsletterId: string) => (await api.get(issuePath(newsletterId), NewsletterEnvelopeSchema)).newsletter,
  create: async (slug: string, body: { subject: string; body: string }, idempotencyKey: string) =>
    (
      await request(listPath(slug), {
        method: 'POST',
        body,
        schema: NewsletterEnvelopeSchema,
        headers: { 'Idempotency-Key': idempotencyKey },
      })
    ).newsletter,
  update: async (newsletterId: string, body: NewsletterUpdateBody) =>
    (await api.patch(issuePath(newsletterId), body, NewsletterEnvelopeSchema)).newsletter,
  remove: (newsletterId: string) => api.delete(issuePath(newsletterId)),
  send: (newsletterId: string) => api.post(`${issuePath(newsletterId)}/send`, undefined, NewsletterSendResultSchema),
  subscribe: (slug: string, subscribed: boolean) =>
    api.put(`${listPath(slug)}/subscription`, { subscribed }, NewsletterSubscriptionSchema),

  /** What the composer needs to know of the space: its id, title, and whether the reader manages it. */
  space: (slug: string) => api.get(`/api/spaces/${id(slug)}`, SpaceResponseSchema),
  /** The space's coming events. */
  events: (spaceId: string) =>
    api.get(`/api/events?spaceId=${id(spaceId)}&from=${id(new Date().toISOString())}`, EventListSchema),
  resources: (slug: string) => api.get(`/api/spaces/${id(slug)}/resources`, SpaceResourcesSchema),
  threads: (slug: string) => api.get(`/api/spaces/${id(slug)}/threads?limit=50`, ThreadListSchema),
};
