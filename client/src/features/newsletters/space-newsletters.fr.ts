/**
 * A space's « Infolettres » tab (shown on the space page): the archive, the drafts of those who
 * write them, and receiving them or not. A small catalogue of its own, so that the space page
 * does not carry the composer's texts.
 */
export const spaceNewslettersFr = {
  'spaceNewsletters.tab': 'Infolettres',
  'spaceNewsletters.heading': 'Infolettres de l’espace',
  'spaceNewsletters.write': 'Écrire une infolettre',
  'spaceNewsletters.recipients.one': 'Une infolettre envoyée maintenant partirait à {count} personne.',
  'spaceNewsletters.recipients.other': 'Une infolettre envoyée maintenant partirait à {count} personnes.',
  'spaceNewsletters.drafts': 'Brouillons',
  'spaceNewsletters.draftCreated': 'Commencé le {date}',
  'spaceNewsletters.sent': 'Infolettres envoyées',
  'spaceNewsletters.sentOn.one': 'Envoyée le {date} à {count} personne',
  'spaceNewsletters.sentOn.other': 'Envoyée le {date} à {count} personnes',
  'spaceNewsletters.sending': 'Envoi en cours',
  'spaceNewsletters.empty': 'Aucune infolettre n’a encore été envoyée dans cet espace.',
  'spaceNewsletters.more': 'Afficher les infolettres plus anciennes',
  'spaceNewsletters.error': 'Les infolettres n’ont pas pu être chargées.',
  'spaceNewsletters.restricted.signIn': 'Connectez-vous pour lire les infolettres de cet espace.',
  'spaceNewsletters.restricted.members': 'Les infolettres de cet espace sont réservées à ses membres.',
  'spaceNewsletters.subscribe': 'Recevoir les infolettres de cet espace par courriel',
  'spaceNewsletters.subscribe.hint': 'Chaque infolettre porte aussi un lien pour ne plus les recevoir.',
  'spaceNewsletters.subscribe.on': 'Vous recevrez les prochaines infolettres de cet espace.',
  'spaceNewsletters.subscribe.off': 'Vous ne recevrez plus les infolettres de cet espace.',
} as const;
