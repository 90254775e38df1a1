import { defineMessages } from '../../lib/i18n';
import { pwaFr } from './pwa.fr';

/** The offline notice's texts, in the notice's own chunk. */
export const { t } = defineMessages(pwaFr, () => import('./pwa.en'));
