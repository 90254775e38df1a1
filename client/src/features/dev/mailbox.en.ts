import type { mailboxFr } from './mailbox.fr';

/** The development mailbox: English, fetched when chosen; the French keys exactly (checked by the compiler). */
const mailboxEn: Record<keyof typeof mailboxFr, string> = {
  'mailbox.title': 'Development mailbox',
  'mailbox.intro': 'Emails the server keeps when no mail server is configured, newest first.',
  'mailbox.unavailable': 'The development mailbox is not available on this server: it only exists in development.',
  'mailbox.error': 'The mailbox could not be loaded.',
  'mailbox.messages': 'Emails',
  'mailbox.empty': 'No email yet.',
  'mailbox.refresh': 'Refresh',
  'mailbox.to': 'To',
  'mailbox.date': 'Date',
  'mailbox.status': 'Status',
  'mailbox.status.queued': 'queued',
  'mailbox.status.sent': 'sent',
  'mailbox.status.kept': 'kept here',
  'mailbox.status.failed': 'failed',
  'mailbox.count.one': '{count} email',
  'mailbox.count.other': '{count} emails',
  'demo.title': 'Demo people',
  'demo.intro':
    'Fictitious people, with their spaces, discussions and registrations. One click opens a session in their name, with no password or email: in development only.',
  'demo.signIn': 'Sign in',
  'demo.signInAs': 'Sign in as {name}',
  'demo.admin': 'administrator',
  'demo.failed': 'Signing in as {name} did not work. Try again.',
};
export default mailboxEn;
