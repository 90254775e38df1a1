/**
 * Infolettres: an issue's page, and the composer of those who write them (« Insérer depuis
 * l'espace », « Aperçu », the confirmation before sending).
 */
export const newslettersFr = {
  'newsletters.back': 'Infolettres de l’espace « {space} »',
  'newsletters.loadError': 'L’infolettre n’a pas pu être chargée.',
  'newsletters.notFound': 'Infolettre introuvable',
  'newsletters.notFound.text': 'Cette infolettre n’existe pas, ou vous ne pouvez pas la lire.',
  'newsletters.status.draft': 'Brouillon : cette infolettre n’a pas encore été envoyée.',
  'newsletters.status.sending.one': 'Envoi en cours à {count} personne…',
  'newsletters.status.sending.other': 'Envoi en cours à {count} personnes…',
  'newsletters.status.sent.one': 'Envoyée le {date} à {count} personne.',
  'newsletters.status.sent.other': 'Envoyée le {date} à {count} personnes.',
  'newsletters.delivery.heading': 'Remise des courriels',
  'newsletters.delivery.sent': 'Remis',
  'newsletters.delivery.failed': 'En échec',
  'newsletters.delivery.waiting': 'En attente',
  'newsletters.edit': 'Modifier le brouillon',

  'newsletters.compose.new': 'Nouvelle infolettre',
  'newsletters.compose.edit': 'Modifier le brouillon',
  'newsletters.compose.space': 'Pour les membres de l’espace « {space} ».',
  'newsletters.compose.subject': 'Objet',
  'newsletters.compose.subject.hint': 'L’objet du courriel, en 200 caractères au plus.',
  'newsletters.compose.subject.missing': 'Donnez un objet à l’infolettre.',
  'newsletters.compose.body': 'Contenu de l’infolettre',
  'newsletters.compose.body.hint':
    'Ctrl + Entrée enregistre le brouillon. Ctrl + B gras, Ctrl + I italique, Ctrl + K lien.',
  'newsletters.compose.recipients.one':
    'Elle partira à {count} personne : les membres de l’espace qui reçoivent ses infolettres.',
  'newsletters.compose.recipients.other':
    'Elle partira à {count} personnes : les membres de l’espace qui reçoivent ses infolettres.',
  'newsletters.compose.save': 'Enregistrer le brouillon',
  'newsletters.compose.saving': 'Enregistrement…',
  'newsletters.compose.saved': 'Brouillon enregistré.',
  'newsletters.compose.preview': 'Aperçu',
  'newsletters.compose.send': 'Envoyer…',
  'newsletters.compose.actionsHint': '« Aperçu » et « Envoyer… » enregistrent d’abord le brouillon.',
  'newsletters.compose.forbidden': 'Seul·es les animateur·ices de l’espace écrivent ses infolettres.',
  'newsletters.compose.sent': 'Cette infolettre a déjà été envoyée : elle ne peut plus être modifiée.',

  'newsletters.insert': 'Insérer depuis l’espace',
  'newsletters.insert.group.events': 'Prochains événements',
  'newsletters.insert.group.documents': 'Documents',
  'newsletters.insert.group.resources': 'Nouvelles ressources',
  'newsletters.insert.group.threads': 'Fils de discussion',
  'newsletters.insert.none': 'Rien pour l’instant',
  'newsletters.insert.error': 'Le contenu de l’espace n’a pas pu être chargé.',
  'newsletters.insert.done': '« {title} » a été inséré dans l’infolettre.',

  'newsletters.preview.heading': 'Aperçu',
  'newsletters.preview.intro': 'Voici l’infolettre telle que ses destinataires la recevront.',
  'newsletters.preview.from': 'Infolettre de l’espace « {space} »',
  'newsletters.preview.online': 'Lire en ligne',
  'newsletters.preview.why': 'Vous recevez cette infolettre parce que vous êtes membre de l’espace « {space} ».',
  'newsletters.preview.stop': 'Ne plus recevoir les infolettres de cet espace',

  'newsletters.confirm.title': 'Envoyer l’infolettre ?',
  'newsletters.confirm.text.one':
    '« {subject} » partira maintenant à {count} personne, membre de l’espace « {space} ». Une infolettre envoyée ne peut plus être modifiée.',
  'newsletters.confirm.text.other':
    '« {subject} » partira maintenant à {count} personnes, membres de l’espace « {space} ». Une infolettre envoyée ne peut plus être modifiée.',
  'newsletters.confirm.send.one': 'Envoyer à {count} personne',
  'newsletters.confirm.send.other': 'Envoyer à {count} personnes',
  'newsletters.confirm.busy': 'Envoi…',
} as const;
