import { defineMessages } from '../../lib/i18n';
import { organisationsFr } from './organisations.fr';

/** The allies: `t` and `tc` on these texts and the application's. */
export const organisationsMessages = defineMessages(organisationsFr, () => import('./organisations.en'));
export const { t, tc } = organisationsMessages;
