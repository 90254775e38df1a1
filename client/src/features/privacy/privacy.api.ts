import { AuditPageSchema, type EraseAccountBody, ExportRequestedSchema } from '@atelier/contract';
import { api, request } from '../../lib/api';

/** The personal data's HTTP calls, typed and checked against the contract. */
export const privacyApi = {
  requestExport: () => api.post('/api/me/export', undefined, ExportRequestedSchema),
  erase: (body: EraseAccountBody) => request('/api/me', { method: 'DELETE', body }),
  audit: (cursor: string | null) =>
    api.get(`/api/admin/audit${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, AuditPageSchema),
};
