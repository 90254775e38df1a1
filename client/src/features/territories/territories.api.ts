import {
  type FantasticRole,
  type TerritoryCreateBody,
  TerritoryListSchema,
  TerritoryResponseSchema,
} from '@atelier/contract';
import { api } from '../../lib/api';

const base = (id: string) => `/api/territories/${encodeURIComponent(id)}`;

/** The territories' HTTP calls, typed and checked against the contract. */
export const territoriesApi = {
  list: () => api.get('/api/territories', TerritoryListSchema),
  create: (body: TerritoryCreateBody) => api.post('/api/territories', body, TerritoryResponseSchema),
  seat: (id: string, role: FantasticRole, userId: string) =>
    api.put(`${base(id)}/team/${role}`, { userId }, TerritoryResponseSchema),
  vacate: (id: string, role: FantasticRole) => api.delete(`${base(id)}/team/${role}`),
};
