import { defineMessages } from '../../lib/i18n';
import { messagesFr } from './messages.fr';

/** Direct messages: `t` and `tc` on these texts and the application's. */
export const messagesMessages = defineMessages(messagesFr, () => import('./messages.en'));
export const { t, tc } = messagesMessages;
export type MessageKey = Parameters<typeof t>[0];
