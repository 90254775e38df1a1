import { defineMessages } from '../../lib/i18n';
import { permanenceFr } from './permanence.fr';

/** The next permanence's card (home page and welcome page): `t` and `tc` on these texts and the application's. */
export const permanenceMessages = defineMessages(permanenceFr, () => import('./permanence.en'));
export const { t, tc } = permanenceMessages;
export type MessageKey = Parameters<typeof t>[0];
