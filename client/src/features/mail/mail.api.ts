import {
  type MailChoice,
  NotificationSettingsSchema,
  type SpaceMailMode,
  UnsubscribeResultSchema,
} from '@atelier/contract';
import { api } from '../../lib/api';

/** The mail settings' HTTP calls, typed and checked against the contract. */

const SETTINGS = '/api/me/notification-settings';
const unsubscribePath = (token: string) => `/api/unsubscribe/${encodeURIComponent(token)}`;

export const mailApi = {
  settings: () => api.get(SETTINGS, NotificationSettingsSchema),
  update: (changes: { mentions?: MailChoice; replies?: MailChoice; reminders?: MailChoice }) =>
    api.put(SETTINGS, changes, NotificationSettingsSchema),
  setSpaceMode: (slug: string, mode: SpaceMailMode) =>
    api.put(`${SETTINGS}/spaces/${encodeURIComponent(slug)}`, { mode }, NotificationSettingsSchema),
  unsubscribe: (token: string) => api.post(unsubscribePath(token), undefined, UnsubscribeResultSchema),
  undo: (token: string, mode: SpaceMailMode) =>
    api.post(`${unsubscribePath(token)}/undo`, { mode }, UnsubscribeResultSchema),
};
