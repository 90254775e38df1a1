/**
 * The development mailbox.
 *
 * French, the source of truth: inclusive writing as the alliance writes (élu·es, animateur·ices);
 * `{name}` placeholders are filled by `t()`, `.one` / `.other` keys are plural forms for `tc()`.
 */
export const mailboxFr = {
  'mailbox.title': 'Boîte mail de développement',
  'mailbox.intro':
    "Les courriels que le serveur garde quand aucun serveur d'envoi n'est configuré, du plus récent au plus ancien.",
  'mailbox.unavailable':
    "La boîte mail de développement n'est pas disponible sur ce serveur : elle n'existe qu'en développement.",
  'mailbox.error': "La boîte mail n'a pas pu être chargée.",
  'mailbox.messages': 'Courriels',
  'mailbox.empty': 'Aucun courriel pour le moment.',
  'mailbox.refresh': 'Actualiser',
  'mailbox.to': 'À',
  'mailbox.date': 'Date',
  'mailbox.status': 'État',
  'mailbox.status.queued': 'en attente',
  'mailbox.status.sent': 'envoyé',
  'mailbox.status.kept': 'gardé ici',
  'mailbox.status.failed': 'échec',
  'mailbox.count.one': '{count} courriel',
  'mailbox.count.other': '{count} courriels',
  'demo.title': 'Personnes de la démonstration',
  'demo.intro':
    'Des personnes fictives, avec leurs espaces, discussions et inscriptions. Un clic ouvre une session à leur nom, sans mot de passe ni courriel : en développement seulement.',
  'demo.signIn': 'Se connecter',
  'demo.signInAs': 'Se connecter en tant que {name}',
  'demo.admin': 'administratrice',
  'demo.failed': "La connexion en tant que {name} n'a pas abouti. Réessayez.",
} as const;
