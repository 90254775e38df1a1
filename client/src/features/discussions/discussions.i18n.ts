import { defineMessages } from '../../lib/i18n';
import { discussionsFr } from './discussions.fr';

/** Discussions: thread lists, threads, posts, the composer: `t` and `tc` on these texts and the application's. */
export const discussionsMessages = defineMessages(discussionsFr, () => import('./discussions.en'));
export const { t, tc } = discussionsMessages;
export type MessageKey = Parameters<typeof t>[0];
