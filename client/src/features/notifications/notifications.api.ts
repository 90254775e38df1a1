import { NotificationListSchema, SpaceListSchema } from '@atelier/contract';
import { api } from '../../lib/api';

/** The notification calls of the contract, typed and checked by its schemas. */

const id = encodeURIComponent;

export const notificationsApi = {
  latest: () => api.get('/api/notifications?limit=20', NotificationListSchema),
  read: (notificationId: string) => api.post(`/api/notifications/${id(notificationId)}/read`),
  readAll: () => api.post('/api/notifications/read-all'),
  /** The spaces this person may see: a notification names its space by id, a path needs its slug. */
  spaces: async () => (await api.get('/api/spaces', SpaceListSchema)).items,
};
