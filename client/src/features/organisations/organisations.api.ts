import {
  AffiliationResponseSchema,
  type OrganisationCreateBody,
  OrganisationDetailSchema,
  OrganisationListSchema,
  type OrganisationUpdateBody,
} from '@atelier/contract';
import { api } from '../../lib/api';

export interface OrganisationFilters {
  q: string;
  kind: string;
  territory: string;
  theme: string;
}

/** The query string of a list request: the filters that are set, and the cursor. */
export function listQuery(filters: OrganisationFilters, cursor: string | null = null): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value.trim()) params.set(name, value.trim());
  if (cursor) params.set('cursor', cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

const base = (slug: string) => `/api/organisations/${encodeURIComponent(slug)}`;

/** The allies' HTTP calls, typed and checked against the contract. */
export const organisationsApi = {
  list: (filters: OrganisationFilters, cursor: string | null) =>
    api.get(`/api/organisations${listQuery(filters, cursor)}`, OrganisationListSchema),
  get: (slug: string) => api.get(base(slug), OrganisationDetailSchema),
  create: (body: OrganisationCreateBody) => api.post('/api/organisations', body, OrganisationDetailSchema),
  update: (slug: string, body: OrganisationUpdateBody) => api.patch(base(slug), body, OrganisationDetailSchema),
  setLogo: (slug: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.put(`${base(slug)}/logo`, form, OrganisationDetailSchema);
  },
  removeLogo: (slug: string) => api.delete(`${base(slug)}/logo`, OrganisationDetailSchema),
  /** Makes a confirmed person a referent (`true`), or an ordinary member again. */
  setReferent: (slug: string, userId: string, referent: boolean) => {
    const path = `${base(slug)}/referents/${encodeURIComponent(userId)}`;
    return referent ? api.put(path, undefined, OrganisationDetailSchema) : api.delete(path, OrganisationDetailSchema);
  },
  ask: (slug: string) => api.post(`${base(slug)}/affiliation`, undefined, AffiliationResponseSchema),
  withdraw: (slug: string) => api.delete(`${base(slug)}/affiliation`),
  decide: (slug: string, userId: string, decision: 'confirm' | 'decline') =>
    api.post(
      `${base(slug)}/affiliations/${encodeURIComponent(userId)}/${decision}`,
      undefined,
      OrganisationDetailSchema,
    ),
};
