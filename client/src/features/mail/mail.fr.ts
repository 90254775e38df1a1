/**
 * Mail settings (`/profil/courriels`) and the landing page of a mail's unsubscribe link.
 *
 * French, the source of truth: inclusive writing as the alliance writes (élu·es, animateur·ices);
 * `{name}` placeholders are filled by `t()`.
 */
export const mailFr = {
  'mailSettings.title': 'Courriels et notifications',
  'mailSettings.back': 'Retour à mon profil',
  'mailSettings.lead':
    'Choisissez les courriels que l’Atelier vous envoie. Chaque choix est enregistré dès que vous le faites.',
  'mailSettings.error': 'Vos réglages de courriels n’ont pas pu être chargés. Vérifiez votre connexion puis réessayez.',
  'mailSettings.personal': 'Mentions, réponses et rappels',
  'mailSettings.mentions': 'Quand un·e membre vous mentionne (@votre nom)',
  'mailSettings.mentions.each': 'À chaque mention',
  'mailSettings.replies': 'Quand un·e membre répond à l’un de vos messages',
  'mailSettings.replies.each': 'À chaque réponse',
  'mailSettings.reminders': 'Rappels d’événements',
  'mailSettings.reminders.hint': 'Pour les événements où vous avez une place.',
  'mailSettings.reminders.each': 'La veille et une heure avant',
  'mailSettings.never': 'Jamais',
  'mailSettings.spaces': 'Vos espaces',
  'mailSettings.spaces.intro':
    'Pour chaque espace dont vous êtes membre : un courriel à chaque nouveau message, un résumé, ou rien.',
  'mailSettings.spaces.defaults':
    'Par défaut : un résumé par jour pour les cohortes et les chantiers que vous animez, par semaine pour les autres espaces.',
  'mailSettings.mode.each': 'À chaque nouveau message',
  'mailSettings.mode.daily': 'Un résumé par jour',
  'mailSettings.mode.weekly': 'Un résumé par semaine',
  'mailSettings.mode.off': 'Rien',
  'mailSettings.empty': 'Vous ne faites encore partie d’aucun espace : il n’y a rien à régler ici pour l’instant.',
  'mailSettings.discover': 'Découvrir les espaces',
  'mailSettings.saving': 'Enregistrement…',
  'mailSettings.saved': 'Enregistré',
  'unsubscribe.title': 'Désabonnement',
  'unsubscribe.error': 'Le désabonnement n’a pas pu se faire. Vérifiez votre connexion puis réessayez.',
  'unsubscribe.stopped.mentions': 'Vous ne recevrez plus de courriel quand un·e membre vous mentionne.',
  'unsubscribe.stopped.replies': 'Vous ne recevrez plus de courriel quand un·e membre répond à vos messages.',
  'unsubscribe.stopped.messages': 'Vous ne recevrez plus de courriel pour vos nouveaux messages privés.',
  'unsubscribe.restored.messages': 'C’est annulé : vous êtes de nouveau prévenu·e par courriel de vos messages privés.',
  'unsubscribe.stopped.reminders': 'Vous ne recevrez plus les rappels d’événements.',
  'unsubscribe.stopped.space': 'Vous ne recevrez plus les courriels de l’espace « {space} ».',
  'unsubscribe.stopped.newsletter': 'Vous ne recevrez plus les infolettres de l’espace « {space} ».',
  'unsubscribe.undoHint': 'Un clic par erreur ? Vous pouvez revenir en arrière.',
  'unsubscribe.undo': 'Annuler',
  'unsubscribe.undoing': 'Annulation…',
  'unsubscribe.restored.newsletter': 'C’est annulé : vous recevez de nouveau les infolettres de l’espace « {space} ».',
  'unsubscribe.restored.mentions': 'C’est annulé : vous recevez de nouveau un courriel à chaque mention.',
  'unsubscribe.restored.replies': 'C’est annulé : vous recevez de nouveau un courriel à chaque réponse à vos messages.',
  'unsubscribe.restored.reminders': 'C’est annulé : vous recevez de nouveau les rappels d’événements.',
  'unsubscribe.restored.each':
    'C’est annulé : vous recevez de nouveau un courriel à chaque nouveau message de l’espace « {space} ».',
  'unsubscribe.restored.daily': 'C’est annulé : vous recevez de nouveau un résumé par jour de l’espace « {space} ».',
  'unsubscribe.restored.weekly':
    'C’est annulé : vous recevez de nouveau un résumé par semaine de l’espace « {space} ».',
  'unsubscribe.invalid':
    'Ce lien de désabonnement n’est pas valide : il a peut-être été coupé ou mal recopié depuis le courriel. Vous pouvez aussi choisir vos courriels depuis votre profil.',
  'unsubscribe.gone': 'L’espace dont parlait ce courriel n’existe plus : vous n’en recevrez plus de courriels.',
  'unsubscribe.manage': 'Gérer tous vos courriels',
  'unsubscribe.manage.signIn': 'Il vous faudra vous connecter.',
} as const;
