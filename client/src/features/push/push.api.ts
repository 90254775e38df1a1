import {
  PushPublicKeySchema,
  type PushSubscriptionCreate,
  PushSubscriptionCreatedSchema,
  PushSubscriptionListSchema,
} from '@atelier/contract';
import { api } from '../../lib/api';

/** Web Push's HTTP calls, typed and checked against the contract. */

const DEVICES = '/api/me/push-subscriptions';

export const pushApi = {
  publicKey: () => api.get('/api/push/public-key', PushPublicKeySchema),
  devices: () => api.get(DEVICES, PushSubscriptionListSchema),
  subscribe: (body: PushSubscriptionCreate) => api.post(DEVICES, body, PushSubscriptionCreatedSchema),
  remove: (id: string) => api.delete(`${DEVICES}/${encodeURIComponent(id)}`),
};
