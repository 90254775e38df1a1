import type { onboardingFr } from './onboarding.fr';

/** The three welcome steps after sign-up: English, fetched when chosen; the French keys exactly (checked by the compiler). */
const onboardingEn: Record<keyof typeof onboardingFr, string> = {
  'onboarding.title': 'Welcome',
  'onboarding.heading': 'Welcome, {name}!',
  'onboarding.lead': 'Three steps to find your place in the alliance. Each one can be skipped.',
  'onboarding.progress': 'Step {step} of {total}',
  'onboarding.skip': 'Skip',
  'onboarding.continue': 'Continue',
  'onboarding.finish': 'Finish',
  'onboarding.step1.title': 'Choose the workstreams to follow',
  'onboarding.step1.intro':
    'Workstreams (chantiers) produce tools and resources for territories together. Join those that interest you: you can leave them at any time.',
  'onboarding.step1.legend': 'Open workstreams',
  'onboarding.step1.empty': 'No other open workstream for now.',
  'onboarding.step1.already': 'You already follow: {titles}.',
  'onboarding.step1.none': 'Tick at least one workstream, or skip this step.',
  'onboarding.step1.submit': 'Join the chosen workstreams',
  'onboarding.step1.submitting': 'Joining…',
  'onboarding.step1.done.one': 'You have joined the workstream {titles}.',
  'onboarding.step1.done.other': 'You have joined {count} workstreams: {titles}.',
  'onboarding.step1.failed': 'These workstreams could not be joined: {titles}. {reason}',
  'onboarding.step2.title': 'Join the Mise en récits community',
  'onboarding.step2.more': 'Learn more about the community',
  'onboarding.step2.join': 'Join Mise en récits',
  'onboarding.step2.joining': 'Joining…',
  'onboarding.step2.done': 'You have joined “{title}”.',
  'onboarding.step2.already': 'You already belong to Mise en récits.',
  'onboarding.step2.missing': 'The Mise en récits community is not available right now.',
  'onboarding.step3.title': 'Come to the permanence',
  'onboarding.step3.intro': 'Every first Tuesday of the month, online: ask your questions and make your proposals.',
};
export default onboardingEn;
