import { defineMessages } from '../../lib/i18n';
import { tokensFr } from './tokens.fr';

/** « Accès par programme »: `t` on these texts and the application's. */
export const { t } = defineMessages(tokensFr, () => import('./tokens.en'));
