import type { spaceNewslettersFr } from './space-newsletters.fr';

/** The « Infolettres » tab: English, fetched when chosen; the French keys exactly (checked by the compiler). */
const spaceNewslettersEn: Record<keyof typeof spaceNewslettersFr, string> = {
  'spaceNewsletters.tab': 'Newsletters',
  'spaceNewsletters.heading': 'Newsletters of the space',
  'spaceNewsletters.write': 'Write a newsletter',
  'spaceNewsletters.recipients.one': 'A newsletter sent now would reach {count} person.',
  'spaceNewsletters.recipients.other': 'A newsletter sent now would reach {count} people.',
  'spaceNewsletters.drafts': 'Drafts',
  'spaceNewsletters.draftCreated': 'Started on {date}',
  'spaceNewsletters.sent': 'Sent newsletters',
  'spaceNewsletters.sentOn.one': 'Sent on {date} to {count} person',
  'spaceNewsletters.sentOn.other': 'Sent on {date} to {count} people',
  'spaceNewsletters.sending': 'Being sent',
  'spaceNewsletters.empty': 'No newsletter has been sent in this space yet.',
  'spaceNewsletters.more': 'Show older newsletters',
  'spaceNewsletters.error': 'The newsletters could not be loaded.',
  'spaceNewsletters.restricted.signIn': 'Sign in to read the newsletters of this space.',
  'spaceNewsletters.restricted.members': 'The newsletters of this space are for its members.',
  'spaceNewsletters.subscribe': 'Receive the newsletters of this space by email',
  'spaceNewsletters.subscribe.hint': 'Every newsletter also carries a link to stop them.',
  'spaceNewsletters.subscribe.on': 'You will receive the next newsletters of this space.',
  'spaceNewsletters.subscribe.off': 'You will no longer receive the newsletters of this space.',
};

export default spaceNewslettersEn;
