/** « Notifications sur cet appareil » on the profile page. French, the source of truth. */
export const pushFr = {
  'push.heading': 'Notifications sur cet appareil',
  'push.intro':
    'Recevez une notification quand un·e membre vous mentionne ou vous répond, quand une place se libère pour vous et quand un événement où vous êtes inscrit·e commence. Vos choix de courriels pour les mentions et les réponses valent aussi pour les notifications.',
  'push.toggle': 'Recevoir les notifications sur cet appareil',
  'push.toggle.hint': 'Le navigateur vous demandera l’autorisation la première fois.',
  'push.unsupported':
    'Ce navigateur ne permet pas de recevoir des notifications de l’Atelier. Sur iPhone ou iPad, ajoutez d’abord l’Atelier à l’écran d’accueil (Partager, puis « Sur l’écran d’accueil »), puis ouvrez-le depuis cette icône.',
  'push.denied':
    'Les notifications sont bloquées pour ce site dans les réglages de votre navigateur. Autorisez-les dans ces réglages (souvent depuis l’icône à gauche de l’adresse), puis revenez sur cette page.',
  'push.notAllowed': 'Vous n’avez pas autorisé les notifications : rien n’a changé.',
  'push.unavailable': 'Le navigateur n’a pas pu s’abonner aux notifications. Réessayez dans un moment.',
  'push.enabled': 'Notifications activées sur cet appareil.',
  'push.disabled': 'Notifications désactivées sur cet appareil.',
  'push.busy': 'Un instant…',
  'push.error': 'La liste de vos appareils n’a pas pu être chargée.',
  'push.devices': 'Vos appareils',
  'push.devices.empty': 'Aucun appareil ne reçoit vos notifications pour l’instant.',
  'push.device.name': '{browser} sur {system}',
  'push.device.unknown': 'Appareil inconnu',
  'push.device.current': 'cet appareil',
  'push.device.added': 'ajouté le {date}',
  'push.device.remove': 'Retirer',
  'push.device.removed': '{device} ne recevra plus vos notifications.',
} as const;
