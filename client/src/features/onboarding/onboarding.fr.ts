/**
 * The three welcome steps after sign-up.
 *
 * French, the source of truth: inclusive writing as the alliance writes (élu·es, animateur·ices);
 * `{name}` placeholders are filled by `t()`, `.one` / `.other` keys are plural forms for `tc()`.
 */
export const onboardingFr = {
  'onboarding.title': 'Bienvenue',
  'onboarding.heading': 'Bienvenue, {name} !',
  'onboarding.lead': "Trois étapes pour trouver votre place dans l'alliance. Chacune peut être passée.",
  'onboarding.progress': 'Étape {step} sur {total}',
  'onboarding.skip': 'Passer',
  'onboarding.continue': 'Continuer',
  'onboarding.finish': 'Terminer',
  'onboarding.step1.title': 'Choisissez les chantiers à suivre',
  'onboarding.step1.intro':
    'Les chantiers produisent ensemble des outils et des ressources pour les territoires. Rejoignez ceux qui vous intéressent : vous pourrez les quitter à tout moment.',
  'onboarding.step1.legend': 'Chantiers ouverts',
  'onboarding.step1.empty': 'Aucun autre chantier ouvert pour le moment.',
  'onboarding.step1.already': 'Vous suivez déjà : {titles}.',
  'onboarding.step1.none': 'Cochez au moins un chantier, ou passez cette étape.',
  'onboarding.step1.submit': 'Rejoindre les chantiers choisis',
  'onboarding.step1.submitting': 'Inscription…',
  'onboarding.step1.done.one': 'Vous avez rejoint le chantier {titles}.',
  'onboarding.step1.done.other': 'Vous avez rejoint {count} chantiers : {titles}.',
  'onboarding.step1.failed': "Ces chantiers n'ont pas pu être rejoints : {titles}. {reason}",
  'onboarding.step2.title': 'Rejoignez la communauté Mise en récits',
  'onboarding.step2.more': 'En savoir plus sur la communauté',
  'onboarding.step2.join': 'Rejoindre Mise en récits',
  'onboarding.step2.joining': 'Inscription…',
  'onboarding.step2.done': 'Vous avez rejoint « {title} ».',
  'onboarding.step2.already': 'Vous faites déjà partie de Mise en récits.',
  'onboarding.step2.missing': "La communauté Mise en récits n'est pas disponible pour le moment.",
  'onboarding.step3.title': 'Venez à la permanence',
  'onboarding.step3.intro':
    'Tous les premiers mardis du mois, en visioconférence : posez vos questions et faites vos propositions.',
} as const;
