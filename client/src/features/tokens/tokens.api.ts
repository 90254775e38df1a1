import { type ApiTokenCreate, ApiTokenCreatedSchema, ApiTokenListSchema } from '@atelier/contract';
import { api } from '../../lib/api';

/** Personal API tokens' HTTP calls, typed and checked against the contract. */

const TOKENS = '/api/me/tokens';

export const tokensApi = {
  list: () => api.get(TOKENS, ApiTokenListSchema),
  create: (body: ApiTokenCreate) => api.post(TOKENS, body, ApiTokenCreatedSchema),
  revoke: (id: string) => api.delete(`${TOKENS}/${encodeURIComponent(id)}`),
};
