import { defineMessages } from '../../lib/i18n';
import { moderationFr } from './moderation.fr';

/** Flags, the moderation queue, blocking: `t` and `tc` on these texts and the application's. */
export const moderationMessages = defineMessages(moderationFr, () => import('./moderation.en'));
export const { t, tc } = moderationMessages;
export type MessageKey = Parameters<typeof t>[0];
