import { type PublicationCreateBody, PublicationListSchema, PublicationResponseSchema } from '@atelier/contract';
import { api } from '../../lib/api';

/** The query string of a catalogue request: the filters that are set, and the cursor. */
function listQuery(filters: Partial<Record<string, string>>, cursor: string | null): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value?.trim()) params.set(name, value.trim());
  if (cursor) params.set('cursor', cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The commons' HTTP calls, typed and checked against the contract. */
export const publicationsApi = {
  list: (filters: Partial<Record<'q' | 'kind' | 'theme', string>>, cursor: string | null) =>
    api.get(`/api/publications${listQuery(filters, cursor)}`, PublicationListSchema),
  get: (id: string) => api.get(`/api/publications/${encodeURIComponent(id)}`, PublicationResponseSchema),
  publish: (body: PublicationCreateBody) => api.post('/api/publications', body, PublicationResponseSchema),
  withdraw: (id: string) => api.delete(`/api/publications/${encodeURIComponent(id)}`),
  fileUrl: (id: string) => `/api/publications/${encodeURIComponent(id)}/file`,
};
