import type { spaceListFr } from './space-list.fr';

/** Lists of spaces and their cards (home page, spaces page, my spaces): English, fetched when chosen; the French keys exactly (checked by the compiler). */
const spaceListEn: Record<keyof typeof spaceListFr, string> = {
  'spaces.heading': "The alliance's spaces",
  'spaces.kind.chantier': 'Workstreams',
  'spaces.kind.communaute': 'Learning communities',
  'spaces.kind.cohorte': 'Cohorts',
  'spaces.empty': 'No space of this kind yet.',
  'spaces.error': 'The list of spaces could not be loaded.',
  'spaces.visibility.public': 'Visible to everyone',
  'spaces.visibility.members': 'Visible to members of the alliance',
  'spaces.visibility.private': 'Private, visible to its members only',
  'spaces.joinPolicy.open': 'Open: anyone can join',
  'spaces.joinPolicy.request': 'On request, approved by the facilitators',
  'spaces.joinPolicy.invite': 'By invitation only',
  'spaces.members.one': '{count} member',
  'spaces.members.other': '{count} members',
  'spaces.archived': 'Archived',
  'spaces.seeAll': 'See all spaces',
  'spaces.mine.membre': 'You are a member',
  'spaces.mine.animateur': 'You facilitate this space',
  'spaces.mine.pending': 'Request pending',
  'space.kind.chantier': 'Workstream (chantier)',
  'space.kind.communaute': 'Learning community',
  'space.kind.cohorte': 'Cohort',
};
export default spaceListEn;
