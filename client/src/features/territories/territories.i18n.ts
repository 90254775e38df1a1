import { defineMessages } from '../../lib/i18n';
import { territoriesFr } from './territories.fr';

/** The map of territories: `t` and `tc` on these texts and the application's. */
export const territoriesMessages = defineMessages(territoriesFr, () => import('./territories.en'));
export const { t, tc } = territoriesMessages;
