import { defineMessages } from '../../lib/i18n';
import { eventsFr } from './events.fr';

/** Events: the agenda, an event page, registration, the event form, the calendar feed: `t` and `tc` on these texts and the application's. */
export const eventsMessages = defineMessages(eventsFr, () => import('./events.en'));
export const { t, tc } = eventsMessages;
export type MessageKey = Parameters<typeof t>[0];
