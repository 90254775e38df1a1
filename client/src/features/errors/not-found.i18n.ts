import { defineMessages } from '../../lib/i18n';
import { notFoundFr } from './not-found.fr';

/** The page for an unknown address: `t` and `tc` on these texts and the application's. */
export const notFoundMessages = defineMessages(notFoundFr, () => import('./not-found.en'));
export const { t, tc } = notFoundMessages;
export type MessageKey = Parameters<typeof t>[0];
