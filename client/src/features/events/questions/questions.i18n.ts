import { defineMessages } from '../../../lib/i18n';
import { questionsFr } from './questions.fr';

/** An event's questions and proposals, and the animateur·ices' tools: `t` and `tc` on these texts and the application's. */
export const questionsMessages = defineMessages(questionsFr, () => import('./questions.en'));
export const { t, tc } = questionsMessages;
export type MessageKey = Parameters<typeof t>[0];
