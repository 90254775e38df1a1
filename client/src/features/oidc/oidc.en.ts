import type { oidcFr } from './oidc.fr';

/** Sign-in through the OpenID Connect provider, and the charter step: English, fetched when chosen. */
const oidcEn: Record<keyof typeof oidcFr, string> = {
  'oidc.heading': 'With your work account',
  'oidc.intro': 'Public servants: sign in with your professional identity, without one more password.',
  'oidc.button': 'Sign in with {name}',
  'charterStep.title': 'Adhere to the charter',
  'charterStep.intro':
    'Welcome, {name}! Your account is created. To join the alliance, read its charter and tick the box to adhere to it.',
  'charterStep.submit': 'Adhere and continue',
  'charterStep.submitting': 'Saving…',
  'charterStep.organisation': 'Your organisation, {name}, is a member of the alliance.',
  'charterStep.organisationLink': 'See its page and ask to be linked to it',
  'charterStep.done': 'You have already adhered to the charter.',
  'charterStep.continue': 'Continue',
};
export default oidcEn;
