import { defineMessages } from '../../lib/i18n';
import { onboardingFr } from './onboarding.fr';

/** The three welcome steps after sign-up: `t` and `tc` on these texts and the application's. */
export const onboardingMessages = defineMessages(onboardingFr, () => import('./onboarding.en'));
export const { t, tc } = onboardingMessages;
export type MessageKey = Parameters<typeof t>[0];
