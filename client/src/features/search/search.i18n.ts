import { defineMessages } from '../../lib/i18n';
import { searchFr } from './search.fr';

/** The search page: `t` and `tc` on these texts and the application's. */
export const searchMessages = defineMessages(searchFr, () => import('./search.en'));
export const { t, tc } = searchMessages;
export type MessageKey = Parameters<typeof t>[0];
