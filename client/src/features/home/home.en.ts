import type { homeFr } from './home.fr';

/** The home page: English, fetched when chosen; the French keys exactly (checked by the compiler). */
const homeEn: Record<keyof typeof homeFr, string> = {
  'forYou.title': 'For you',
  'forYou.heading': 'For you, {name}',
  'forYou.lead': 'What waits for you in your spaces and agenda. Nothing is marked read until you open it.',
  'forYou.threads': 'To read in your spaces',
  'forYou.threads.empty': 'You are up to date: nothing new in your spaces.',
  'forYou.unread.one': '{count} unread',
  'forYou.unread.other': '{count} unread',
  'forYou.events': 'Your next events',
  'forYou.events.empty': 'No registration to come. The programme is in the agenda.',
  'forYou.seat': 'Registered',
  'forYou.waitlist': 'Waiting list no. {position}',
  'forYou.cancelled': 'Cancelled',
  'forYou.documents': 'Documents changed',
  'forYou.documents.empty': 'Nobody changed a document of your spaces lately.',
  'forYou.editedBy': 'Changed by {name}, {date}',
  'forYou.refresh': 'Refresh',
  'forYou.asOf': 'As of {time}: “Refresh” reads it again.',
  'forYou.agenda': 'See the agenda',
  'forYou.spaces': 'All spaces',
  'home.title': 'Home',
  'home.heading': 'Welcome to the Atelier des transitions',
  'home.lead':
    'The Atelier brings together the alliance of La Fabrique des transitions: more than 500 organisations and 1,000 people — elected officials, local-government staff, NGOs, consultancies, researchers — who steer their territories towards the ecological transition and share what they learn.',
  'home.how.heading': 'How we work together',
  'home.how.chantiers.title': 'Workstreams (chantiers)',
  'home.how.chantiers': 'To co-produce tools, schemes and resources for territories in transition.',
  'home.how.communautes.title': 'Learning communities',
  'home.how.communautes': 'To share experiences and draw common lessons.',
  'home.how.cohortes.title': 'Cohorts',
  'home.how.cohortes':
    'To support groups of territories and their “Fantastic Four”: elected officials, local-government staff, the territorial State and socio-economic actors.',
  'home.how.permanence.title': 'The drop-in (la permanence)',
  'home.how.permanence': 'Every first Tuesday of the month, online, to ask your questions and make proposals.',
  'home.cta.heading': 'Join the alliance',
  'home.cta.text': 'One account is all you need to take part in spaces, discussions and the monthly drop-in.',
  'home.cta.signUp': 'Create my account',
  'home.cta.signIn': 'Sign in',
};
export default homeEn;
