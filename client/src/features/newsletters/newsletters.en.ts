import type { newslettersFr } from './newsletters.fr';

/** Infolettres: English, fetched when chosen; the French keys exactly (checked by the compiler). */
const newslettersEn: Record<keyof typeof newslettersFr, string> = {
  'newsletters.back': 'Newsletters of the space “{space}”',
  'newsletters.loadError': 'The newsletter could not be loaded.',
  'newsletters.notFound': 'Newsletter not found',
  'newsletters.notFound.text': 'This newsletter does not exist, or you may not read it.',
  'newsletters.status.draft': 'Draft: this newsletter has not been sent yet.',
  'newsletters.status.sending.one': 'Being sent to {count} person…',
  'newsletters.status.sending.other': 'Being sent to {count} people…',
  'newsletters.status.sent.one': 'Sent on {date} to {count} person.',
  'newsletters.status.sent.other': 'Sent on {date} to {count} people.',
  'newsletters.delivery.heading': 'Email delivery',
  'newsletters.delivery.sent': 'Delivered',
  'newsletters.delivery.failed': 'Failed',
  'newsletters.delivery.waiting': 'Waiting',
  'newsletters.edit': 'Edit the draft',

  'newsletters.compose.new': 'New newsletter',
  'newsletters.compose.edit': 'Edit the draft',
  'newsletters.compose.space': 'For the members of the space “{space}”.',
  'newsletters.compose.subject': 'Subject',
  'newsletters.compose.subject.hint': 'The subject of the email, 200 characters at most.',
  'newsletters.compose.subject.missing': 'Give the newsletter a subject.',
  'newsletters.compose.body': 'Content of the newsletter',
  'newsletters.compose.body.hint': 'Ctrl + Enter saves the draft. Ctrl + B bold, Ctrl + I italic, Ctrl + K link.',
  'newsletters.compose.recipients.one':
    'It will go to {count} person: the members of the space who receive its newsletters.',
  'newsletters.compose.recipients.other':
    'It will go to {count} people: the members of the space who receive its newsletters.',
  'newsletters.compose.save': 'Save the draft',
  'newsletters.compose.saving': 'Saving…',
  'newsletters.compose.saved': 'Draft saved.',
  'newsletters.compose.preview': 'Preview',
  'newsletters.compose.send': 'Send…',
  'newsletters.compose.actionsHint': '“Preview” and “Send…” save the draft first.',
  'newsletters.compose.forbidden': 'Only the animateur·ices of the space write its newsletters.',
  'newsletters.compose.sent': 'This newsletter has already been sent: it can no longer be changed.',

  'newsletters.insert': 'Insert from the space',
  'newsletters.insert.group.events': 'Next events',
  'newsletters.insert.group.documents': 'Documents',
  'newsletters.insert.group.resources': 'New resources',
  'newsletters.insert.group.threads': 'Discussion threads',
  'newsletters.insert.none': 'Nothing yet',
  'newsletters.insert.error': 'The content of the space could not be loaded.',
  'newsletters.insert.done': '“{title}” was inserted into the newsletter.',

  'newsletters.preview.heading': 'Preview',
  'newsletters.preview.intro': 'This is the newsletter as its recipients will receive it.',
  'newsletters.preview.from': 'Newsletter of the space “{space}”',
  'newsletters.preview.online': 'Read online',
  'newsletters.preview.why': 'You receive this newsletter because you are a member of the space “{space}”.',
  'newsletters.preview.stop': 'Stop the newsletters of this space',

  'newsletters.confirm.title': 'Send the newsletter?',
  'newsletters.confirm.text.one':
    '“{subject}” will now go to {count} person, a member of the space “{space}”. A sent newsletter can no longer be changed.',
  'newsletters.confirm.text.other':
    '“{subject}” will now go to {count} people, members of the space “{space}”. A sent newsletter can no longer be changed.',
  'newsletters.confirm.send.one': 'Send to {count} person',
  'newsletters.confirm.send.other': 'Send to {count} people',
  'newsletters.confirm.busy': 'Sending…',
};

export default newslettersEn;
