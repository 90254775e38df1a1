import { defineMessages } from '../../lib/i18n';
import { spaceListMessages } from './space-list.i18n';
import { spacesFr } from './spaces.fr';

/** A space (and the lists and cards of spaces it shows too): its page, membership, members, management, invitations, creation: `t` and `tc` on these texts and the application's. */
export const spacesMessages = defineMessages(spacesFr, () => import('./spaces.en'), spaceListMessages);
export const { t, tc } = spacesMessages;
export type MessageKey = Parameters<typeof t>[0];
