import { defineMessages } from '../../lib/i18n';
import { homeFr } from './home.fr';

/** The home page: `t` and `tc` on these texts and the application's. */
export const homeMessages = defineMessages(homeFr, () => import('./home.en'));
export const { t, tc } = homeMessages;
export type MessageKey = Parameters<typeof t>[0];
