import type { mailFr } from './mail.fr';

/** Mail settings and unsubscribing: English, fetched when chosen; the French keys exactly (checked by the compiler). */
const mailEn: Record<keyof typeof mailFr, string> = {
  'mailSettings.title': 'Emails and notifications',
  'mailSettings.back': 'Back to my profile',
  'mailSettings.lead': 'Choose which emails the Atelier sends you. Each choice is saved as soon as you make it.',
  'mailSettings.error': 'Your email settings could not be loaded. Check your connection and try again.',
  'mailSettings.personal': 'Mentions and replies',
  'mailSettings.mentions': 'When a member mentions you (@your name)',
  'mailSettings.mentions.each': 'For every mention',
  'mailSettings.replies': 'When a member replies to one of your messages',
  'mailSettings.replies.each': 'For every reply',
  'mailSettings.never': 'Never',
  'mailSettings.spaces': 'Your spaces',
  'mailSettings.spaces.intro': 'For each space you belong to: an email for each new message, a digest, or nothing.',
  'mailSettings.spaces.defaults':
    'By default: a daily digest for cohorts and for the workstreams you facilitate, a weekly one for the other spaces.',
  'mailSettings.mode.each': 'For each new message',
  'mailSettings.mode.daily': 'A daily digest',
  'mailSettings.mode.weekly': 'A weekly digest',
  'mailSettings.mode.off': 'Nothing',
  'mailSettings.empty': 'You do not belong to any space yet: there is nothing to set here for now.',
  'mailSettings.discover': 'Discover the spaces',
  'mailSettings.saving': 'Saving…',
  'mailSettings.saved': 'Saved',
  'unsubscribe.title': 'Unsubscribe',
  'unsubscribe.error': 'Unsubscribing did not work. Check your connection and try again.',
  'unsubscribe.stopped.mentions': 'You will no longer receive an email when a member mentions you.',
  'unsubscribe.stopped.replies': 'You will no longer receive an email when a member replies to your messages.',
  'unsubscribe.stopped.space': 'You will no longer receive the emails of the space “{space}”.',
  'unsubscribe.stopped.newsletter': 'You will no longer receive the newsletters of the space “{space}”.',
  'unsubscribe.undoHint': 'Clicked by mistake? You can go back.',
  'unsubscribe.undo': 'Undo',
  'unsubscribe.undoing': 'Undoing…',
  'unsubscribe.restored.newsletter': 'Undone: you will again receive the newsletters of the space “{space}”.',
  'unsubscribe.restored.mentions': 'Undone: you will again receive an email for every mention.',
  'unsubscribe.restored.replies': 'Undone: you will again receive an email for every reply to your messages.',
  'unsubscribe.restored.each': 'Undone: you will again receive an email for each new message of the space “{space}”.',
  'unsubscribe.restored.daily': 'Undone: you will again receive a daily digest of the space “{space}”.',
  'unsubscribe.restored.weekly': 'Undone: you will again receive a weekly digest of the space “{space}”.',
  'unsubscribe.invalid':
    'This unsubscribe link is not valid: it may have been cut or miscopied from the email. You can also choose your emails from your profile.',
  'unsubscribe.gone': 'The space this email was about no longer exists: you will not receive any more emails from it.',
  'unsubscribe.manage': 'Manage all your emails',
  'unsubscribe.manage.signIn': 'You will need to sign in.',
};

export default mailEn;
