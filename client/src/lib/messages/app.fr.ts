/**
 * The application's own texts (layout, navigation, common words); in every first download.
 *
 * French, the source of truth: inclusive writing as the alliance writes (élu·es, animateur·ices);
 * `{name}` placeholders are filled by `t()`, `.one` / `.other` keys are plural forms for `tc()`.
 */
export const appFr = {
  'app.name': 'Atelier des transitions',
  'app.tagline': "La plateforme de l'alliance de la Fabrique des transitions",
  'layout.skipLink': 'Aller au contenu',
  'layout.mainNav': 'Navigation principale',
  'layout.menu': 'Menu',
  'layout.home': 'Atelier des transitions, accueil',
  'layout.footer.about':
    "L'Atelier des transitions est la plateforme de l'alliance animée par La Fabrique des transitions, association loi 1901.",
  'layout.footer.charter': "La charte de l'alliance",
  'layout.footer.privacy': 'Vos données et la confidentialité',
  'layout.footer.mailbox': 'Boîte mail de développement',
  'nav.auditLog': 'Journal d’administration',
  'nav.moderation': 'Modération',
  'nav.home': 'Accueil',
  'nav.signIn': 'Se connecter',
  'nav.signUp': 'Créer un compte',
  'nav.profile': 'Mon profil',
  'nav.signOut': 'Se déconnecter',
  'nav.userMenu': 'Menu du compte de',
  'nav.mailbox': 'Boîte mail de développement',
  'locale.label': 'Langue',
  'locale.fr': 'Français',
  'locale.en': 'English',
  'locale.fr.short': 'FR',
  'locale.en.short': 'EN',
  'common.loading': 'Chargement…',
  'common.retry': 'Réessayer',
  'common.required': 'obligatoire',
  'common.requiredNote': 'Les champs marqués « obligatoire » doivent être remplis.',
  'common.close': 'Fermer',
  'common.formErrors.one': 'Le formulaire contient {count} erreur. Corrigez le champ signalé.',
  'common.formErrors.other': 'Le formulaire contient {count} erreurs. Corrigez les champs signalés.',
  // ── Spaces, membership, animation tools, invitations, "Mes espaces", onboarding (issue 3) ──
  'nav.spaces': 'Espaces',
  'nav.mySpaces': 'Mes espaces',
  'common.cancel': 'Annuler',
  'signOut.done': 'Vous êtes déconnecté·e. À bientôt !',
  'signOut.failed': 'La déconnexion a échoué. Réessayez.',
  'nav.directory': 'Annuaire',
  'page.loading': 'Chargement de la page…',
  'page.loadError': "La page n'a pas pu être chargée. Vérifiez votre connexion puis réessayez.",
  'page.titleSuffix': 'Atelier des transitions',
  'nav.agenda': 'Agenda',
  // ── The header's search field (features/search/header-search.tsx) ──
  'layout.search.form': 'Rechercher sur l’Atelier',
  'layout.search.label': 'Rechercher',
  'layout.search.placeholder': 'Rechercher…',
  'layout.search.submit': 'Lancer la recherche',
  'layout.search.open': 'Afficher la recherche',
  'layout.search.inSpace': 'dans cet espace',
} as const;
