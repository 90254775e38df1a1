import { defineMessages } from '../../lib/i18n';
import { pushFr } from './push.fr';

/** « Notifications sur cet appareil »: `t` on these texts and the application's. */
export const { t } = defineMessages(pushFr, () => import('./push.en'));
