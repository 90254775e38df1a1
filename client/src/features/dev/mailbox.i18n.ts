import { defineMessages } from '../../lib/i18n';
import { mailboxFr } from './mailbox.fr';

/** The development mailbox: `t` and `tc` on these texts and the application's. */
export const mailboxMessages = defineMessages(mailboxFr, () => import('./mailbox.en'));
export const { t, tc } = mailboxMessages;
export type MessageKey = Parameters<typeof t>[0];
