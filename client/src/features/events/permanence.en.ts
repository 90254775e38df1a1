import type { permanenceFr } from './permanence.fr';

/** The next permanence's card (home page and welcome page): English, fetched when chosen; the French keys exactly (checked by the compiler). */
const permanenceEn: Record<keyof typeof permanenceFr, string> = {
  'permanence.heading': 'Next drop-in session',
  'permanence.none': 'No drop-in session is scheduled yet.',
  'permanence.error': 'The next drop-in session could not be loaded.',
  'permanence.parisTime': 'Paris time',
  'permanence.online': 'Online, open to all members.',
  'permanence.inPerson': 'In person, open to all members.',
  'permanence.open': 'See the drop-in session and register',
  'permanence.view': 'See the drop-in session',
  'permanence.registered': 'You are registered',
  'permanence.waitlisted': 'Waiting list no. {position}',
};
export default permanenceEn;
