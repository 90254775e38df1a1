import { defineMessages } from '../../lib/i18n';
import { spaceNewslettersFr } from './space-newsletters.fr';

/** The space page's « Infolettres » tab: `t` and `tc` on these texts and the application's. */
export const spaceNewslettersMessages = defineMessages(spaceNewslettersFr, () => import('./space-newsletters.en'));
export const { t, tc } = spaceNewslettersMessages;
export type MessageKey = Parameters<typeof t>[0];
