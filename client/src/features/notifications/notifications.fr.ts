/**
 * The header's notifications bell.
 *
 * French, the source of truth: inclusive writing as the alliance writes (élu·es, animateur·ices);
 * `{name}` placeholders are filled by `t()`, `.one` / `.other` keys are plural forms for `tc()`.
 */
export const notificationsFr = {
  'notifications.label': 'Notifications',
  'notifications.unread.one': '{count} notification non lue',
  'notifications.unread.other': '{count} notifications non lues',
  'notifications.empty': 'Aucune notification pour le moment.',
  'notifications.loadError': "Les notifications n'ont pas pu être chargées.",
  'notifications.markAllRead': 'Tout marquer comme lu',
  'notifications.kind.mention': '{name} vous a mentionné·e dans « {title} »',
  'notifications.kind.reply': '{name} a répondu à votre message dans « {title} »',
  'notifications.kind.thread_post': '{name} a écrit dans « {title} »',
  'notifications.kind.moderation': 'Décision de modération sur votre message dans « {title} »',
  'notifications.kind.question_transmitted': '{name} a transmis une question de séance dans « {title} »',
  'notifications.moderation.keep': '{name} a conservé votre message signalé dans « {title} »',
  'notifications.moderation.hide': '{name} a masqué votre message dans « {title} »',
  'notifications.moderation.delete': '{name} a supprimé votre message dans « {title} »',
  'notifications.moderation.note': 'Note : « {note} »',
} as const;
