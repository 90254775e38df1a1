import type { homeFr } from './home.fr';

/** The home page: English, fetched when chosen; the French keys exactly (checked by the compiler). */
const homeEn: Record<keyof typeof homeFr, string> = {
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
  'home.cta.welcomeBack': 'Hello {name}!',
  'home.cta.signedInText': 'Keep your profile up to date so other members recognise you.',
  'home.cta.profile': 'My profile',
};
export default homeEn;
