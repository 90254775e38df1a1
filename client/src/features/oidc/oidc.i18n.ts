import { defineMessages } from '../../lib/i18n';
import { accountsMessages } from '../accounts/accounts.i18n';
import { oidcFr } from './oidc.fr';

/** Sign-in through the OpenID Connect provider and the charter step: these texts, the accounts' and the application's. */
export const oidcMessages = defineMessages(oidcFr, () => import('./oidc.en'), accountsMessages);
export const { t, tc } = oidcMessages;
