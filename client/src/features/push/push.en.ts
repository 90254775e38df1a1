import type { pushFr } from './push.fr';

/** « Notifications sur cet appareil »: English, fetched when chosen; the French keys exactly (checked by the compiler). */
const pushEn: Record<keyof typeof pushFr, string> = {
  'push.heading': 'Notifications on this device',
  'push.intro':
    'Get a notification when a member mentions you or replies to you, when a seat frees up for you and when an event you registered for starts. Your email choices for mentions and replies apply to notifications too.',
  'push.toggle': 'Receive notifications on this device',
  'push.toggle.hint': 'Your browser will ask for your permission the first time.',
  'push.unsupported':
    'This browser cannot receive notifications from the Atelier. On an iPhone or iPad, first add the Atelier to your home screen (Share, then “Add to Home Screen”), then open it from that icon.',
  'push.denied':
    'Notifications are blocked for this site in your browser settings. Allow them there (often from the icon to the left of the address), then come back to this page.',
  'push.notAllowed': 'You did not allow notifications: nothing has changed.',
  'push.unavailable': 'Your browser could not subscribe to notifications. Try again in a moment.',
  'push.enabled': 'Notifications are on for this device.',
  'push.disabled': 'Notifications are off for this device.',
  'push.busy': 'One moment…',
  'push.error': 'Your devices could not be loaded.',
  'push.devices': 'Your devices',
  'push.devices.empty': 'No device receives your notifications yet.',
  'push.device.name': '{browser} on {system}',
  'push.device.unknown': 'Unknown device',
  'push.device.current': 'this device',
  'push.device.added': 'added on {date}',
  'push.device.remove': 'Remove',
  'push.device.removed': '{device} will no longer receive your notifications.',
};

export default pushEn;
