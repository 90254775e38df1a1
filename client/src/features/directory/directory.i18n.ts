import { defineMessages } from '../../lib/i18n';
import { directoryFr } from './directory.fr';

/** The directory of people and organisations: `t` and `tc` on these texts and the application's. */
export const directoryMessages = defineMessages(directoryFr, () => import('./directory.en'));
export const { t, tc } = directoryMessages;
export type MessageKey = Parameters<typeof t>[0];
