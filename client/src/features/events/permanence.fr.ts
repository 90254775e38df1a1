/**
 * The next permanence's card (home page and welcome page).
 *
 * French, the source of truth: inclusive writing as the alliance writes (élu·es, animateur·ices);
 * `{name}` placeholders are filled by `t()`, `.one` / `.other` keys are plural forms for `tc()`.
 */
export const permanenceFr = {
  'permanence.heading': 'La prochaine permanence',
  'permanence.none': "Aucune permanence n'est programmée pour l'instant.",
  'permanence.error': "La prochaine permanence n'a pas pu être chargée.",
  'permanence.parisTime': 'heure de Paris',
  'permanence.online': 'En visioconférence, ouverte à tous·tes les membres.',
  'permanence.inPerson': 'Sur place, ouverte à tous·tes les membres.',
  'permanence.open': 'Voir la permanence et s’inscrire',
  'permanence.view': 'Voir la permanence',
  'permanence.registered': 'Vous êtes inscrit·e',
  'permanence.waitlisted': 'Liste d’attente n°{position}',
} as const;
