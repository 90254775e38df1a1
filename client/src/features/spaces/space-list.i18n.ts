import { defineMessages } from '../../lib/i18n';
import { spaceListFr } from './space-list.fr';

/** Lists of spaces and their cards (home page, spaces page, my spaces): `t` and `tc` on these texts and the application's. */
export const spaceListMessages = defineMessages(spaceListFr, () => import('./space-list.en'));
export const { t, tc } = spaceListMessages;
export type MessageKey = Parameters<typeof t>[0];
