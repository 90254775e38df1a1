import type { notificationsFr } from './notifications.fr';

/** The header's notifications bell: English, fetched when chosen; the French keys exactly (checked by the compiler). */
const notificationsEn: Record<keyof typeof notificationsFr, string> = {
  'notifications.label': 'Notifications',
  'notifications.unread.one': '{count} unread notification',
  'notifications.unread.other': '{count} unread notifications',
  'notifications.empty': 'No notifications yet.',
  'notifications.loadError': 'The notifications could not be loaded.',
  'notifications.markAllRead': 'Mark all as read',
  'notifications.kind.mention': '{name} mentioned you in “{title}”',
  'notifications.kind.reply': '{name} replied to your message in “{title}”',
  'notifications.kind.thread_post': '{name} wrote in “{title}”',
  'notifications.kind.moderation': 'Moderation decision on your message in “{title}”',
  'notifications.kind.question_transmitted': '{name} handed a session question over in “{title}”',
  'notifications.moderation.keep': '{name} kept your reported message in “{title}”',
  'notifications.moderation.hide': '{name} hid your message in “{title}”',
  'notifications.moderation.delete': '{name} deleted your message in “{title}”',
  'notifications.moderation.note': 'Note: “{note}”',
};
export default notificationsEn;
