import { defineMessages } from '../../lib/i18n';
import { publicationsFr } from './publications.fr';

/** The commons: `t` and `tc` on these texts and the application's. */
export const publicationsMessages = defineMessages(publicationsFr, () => import('./publications.en'));
export const { t, tc } = publicationsMessages;
