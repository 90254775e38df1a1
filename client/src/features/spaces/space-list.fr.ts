/**
 * Lists of spaces and their cards (home page, spaces page, my spaces).
 *
 * French, the source of truth: inclusive writing as the alliance writes (élu·es, animateur·ices);
 * `{name}` placeholders are filled by `t()`, `.one` / `.other` keys are plural forms for `tc()`.
 */
export const spaceListFr = {
  'spaces.heading': "Les espaces de l'alliance",
  'spaces.kind.chantier': 'Chantiers',
  'spaces.kind.communaute': 'Communautés apprenantes',
  'spaces.kind.cohorte': 'Cohortes',
  'spaces.empty': "Aucun espace de ce type pour l'instant.",
  'spaces.error': "La liste des espaces n'a pas pu être chargée.",
  'spaces.visibility.public': 'Visible par tout le monde',
  'spaces.visibility.members': "Visible par les membres de l'alliance",
  'spaces.visibility.private': 'Privé, visible par ses membres seulement',
  'spaces.joinPolicy.open': 'Ouvert : chacun·e peut rejoindre',
  'spaces.joinPolicy.request': 'Sur demande, validée par les animateur·ices',
  'spaces.joinPolicy.invite': 'Sur invitation seulement',
  'spaces.members.one': '{count} membre',
  'spaces.members.other': '{count} membres',
  'spaces.archived': 'Archivé',
  'spaces.seeAll': 'Voir tous les espaces',
  'spaces.mine.membre': 'Vous êtes membre',
  'spaces.mine.animateur': 'Vous animez cet espace',
  'spaces.mine.pending': 'Demande en attente',
  'space.kind.chantier': 'Chantier',
  'space.kind.communaute': 'Communauté apprenante',
  'space.kind.cohorte': 'Cohorte',
} as const;
