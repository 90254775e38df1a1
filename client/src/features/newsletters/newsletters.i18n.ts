import { defineMessages } from '../../lib/i18n';
import { newslettersFr } from './newsletters.fr';
import { spaceNewslettersMessages } from './space-newsletters.i18n';

/** Infolettres: an issue's page and the composer: `t` and `tc` on these texts, the tab's and the application's. */
export const newslettersMessages = defineMessages(
  newslettersFr,
  () => import('./newsletters.en'),
  spaceNewslettersMessages,
);
export const { t, tc } = newslettersMessages;
export type MessageKey = Parameters<typeof t>[0];
