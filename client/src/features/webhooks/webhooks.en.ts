import type { webhooksFr } from './webhooks.fr';

/** « Webhooks »: English, fetched when chosen; the French keys exactly (checked by the compiler). */
const webhooksEn: Record<keyof typeof webhooksFr, string> = {
  'webhooks.heading': 'Webhooks',
  'webhooks.intro':
    'A webhook sends what happens in the space to another service (a tracker, a team chat): a signed request to the https address of your choice, for each event ticked. Only what every reader of the space can see is sent.',
  'webhooks.url': 'Receiving address (https)',
  'webhooks.url.hint': 'For instance https://tool.example.org/atelier',
  'webhooks.url.invalid': 'Give a full https address.',
  'webhooks.events': 'Events sent',
  'webhooks.events.invalid': 'Tick at least one event.',
  'webhooks.event.thread.created': 'New discussion thread',
  'webhooks.event.post.created': 'New message',
  'webhooks.event.document.version_created': 'New version of a document',
  'webhooks.event.registration.changed': 'Registrations to an event (counts only)',
  'webhooks.event.event.created': 'New event',
  'webhooks.add': 'Add the webhook',
  'webhooks.adding': 'Adding…',
  'webhooks.created.title': 'Webhook added',
  'webhooks.created.text':
    'Here is its signing secret: copy it now, it will not be shown again. The receiving service checks the x-atelier-signature header (HMAC-SHA256 of “timestamp.body”).',
  'webhooks.created.label': 'Signing secret',
  'webhooks.created.done': 'I have copied the secret',
  'webhooks.list': 'The space’s webhooks',
  'webhooks.empty': 'No webhook yet.',
  'webhooks.error': 'The webhooks could not be loaded.',
  'webhooks.on': 'On',
  'webhooks.off': 'Switched off',
  'webhooks.failures': '{count} failed deliveries in a row',
  'webhooks.enable': 'Switch on',
  'webhooks.disable': 'Switch off',
  'webhooks.remove': 'Remove',
  'webhooks.removed': 'The webhook to {url} is removed.',
  'webhooks.enabled': 'The webhook to {url} is switched on.',
  'webhooks.disabled': 'The webhook to {url} is switched off.',
  'webhooks.log': 'Delivery log',
  'webhooks.log.empty': 'No delivery yet.',
  'webhooks.log.entry': '{date} · {event} · {status}',
  'webhooks.status.pending': 'pending',
  'webhooks.status.delivered': 'delivered',
  'webhooks.status.failed': 'failed',
  'webhooks.status.refused': 'refused (not a public address)',
  'webhooks.status.skipped': 'not sent (webhook switched off)',
  'webhooks.log.code': 'answer {code} in {ms} ms',
};

export default webhooksEn;
