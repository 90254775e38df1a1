import { defineMessages } from '../../lib/i18n';
import { notificationsFr } from './notifications.fr';

/** The header's notifications bell: `t` and `tc` on these texts and the application's. */
export const notificationsMessages = defineMessages(notificationsFr, () => import('./notifications.en'));
export const { t, tc } = notificationsMessages;
export type MessageKey = Parameters<typeof t>[0];
