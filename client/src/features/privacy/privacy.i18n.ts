import { defineMessages } from '../../lib/i18n';
import { privacyFr } from './privacy.fr';

/** Personal data: `t` and `tc` on these texts and the application's. */
export const privacyMessages = defineMessages(privacyFr, () => import('./privacy.en'));
export const { t, tc } = privacyMessages;
export type MessageKey = Parameters<typeof t>[0];
