import {
  type WebhookCreate,
  WebhookCreatedSchema,
  WebhookDeliveryListSchema,
  WebhookEnvelopeSchema,
  WebhookListSchema,
  type WebhookUpdate,
} from '@atelier/contract';
import { api } from '../../lib/api';

/** A space's webhooks' HTTP calls, typed and checked against the contract. */

const base = (slug: string) => `/api/spaces/${encodeURIComponent(slug)}/webhooks`;
const one = (slug: string, id: string) => `${base(slug)}/${encodeURIComponent(id)}`;

export const webhooksApi = {
  list: (slug: string) => api.get(base(slug), WebhookListSchema),
  create: (slug: string, body: WebhookCreate) => api.post(base(slug), body, WebhookCreatedSchema),
  update: (slug: string, id: string, body: WebhookUpdate) => api.patch(one(slug, id), body, WebhookEnvelopeSchema),
  remove: (slug: string, id: string) => api.delete(one(slug, id)),
  deliveries: (slug: string, id: string) => api.get(`${one(slug, id)}/deliveries`, WebhookDeliveryListSchema),
};
