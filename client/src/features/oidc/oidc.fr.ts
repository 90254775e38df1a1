/**
 * Sign-in through the OpenID Connect provider (ProConnect for public agents), and the charter
 * step that follows a first sign-in. French, the source of truth.
 */
export const oidcFr = {
  'oidc.heading': 'Avec votre compte professionnel',
  'oidc.intro': 'Agent·es public·ques : connectez-vous avec votre identité professionnelle, sans mot de passe de plus.',
  'oidc.button': 'Se connecter avec {name}',
  'charterStep.title': 'Adhérer à la charte',
  'charterStep.intro':
    "Bienvenue, {name} ! Votre compte est créé. Pour rejoindre l'alliance, lisez sa charte et cochez la case pour y adhérer.",
  'charterStep.submit': 'Adhérer et continuer',
  'charterStep.submitting': 'Enregistrement…',
  'charterStep.organisation': 'Votre organisation, {name}, est membre de l’alliance.',
  'charterStep.organisationLink': 'Voir sa page et demander à y être rattaché·e',
  'charterStep.done': 'Vous avez déjà adhéré à la charte.',
  'charterStep.continue': 'Continuer',
};
