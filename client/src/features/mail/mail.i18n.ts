import { defineMessages } from '../../lib/i18n';
import { mailFr } from './mail.fr';

/** Mail settings and unsubscribing: `t` and `tc` on these texts and the application's. */
export const mailMessages = defineMessages(mailFr, () => import('./mail.en'));
export const { t, tc } = mailMessages;
export type MessageKey = Parameters<typeof t>[0];
