import { defineMessages } from '../../lib/i18n';
import { accountsFr } from './accounts.fr';

/** Accounts: sign-up, sign-in, mail links, passwords, the profile, the charter: `t` and `tc` on these texts and the application's. */
export const accountsMessages = defineMessages(accountsFr, () => import('./accounts.en'));
export const { t, tc } = accountsMessages;
export type MessageKey = Parameters<typeof t>[0];
