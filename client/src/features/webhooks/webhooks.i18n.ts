import { defineMessages } from '../../lib/i18n';
import { webhooksFr } from './webhooks.fr';

/** « Webhooks » of a space: `t` on these texts and the application's. */
export const { t } = defineMessages(webhooksFr, () => import('./webhooks.en'));
