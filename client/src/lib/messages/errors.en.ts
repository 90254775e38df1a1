import type { ErrorKey } from './errors.fr';

export const errorsEn: Record<ErrorKey, string> = {
  'error.network_error': 'The server is not answering. Check your connection and try again.',
  'error.unexpected_response': 'The server gave an unexpected answer. Please try again later.',
  'error.generic': 'Something went wrong. Please try again.',

  'error.invalid_input': 'Some information is not valid. Please correct the highlighted fields.',
  'error.malformed_json': 'The request could not be read. Reload the page and try again.',
  'error.unsupported_media_type': 'This type of content is not accepted.',
  'error.payload_too_large': 'What was sent is too large.',
  'error.not_found': 'Not found.',
  'error.conflict': 'This information changed in the meantime, perhaps by someone else. Reload the page and try again.',
  'error.token_invalid': 'This access token is unknown or has been revoked.',
  'error.token_scope': 'This access token may only read.',
  'error.token_not_allowed': 'An access token cannot act on the account itself: please sign in.',
  'error.webhook_url_forbidden': 'This address is not accepted: use a public https address, without credentials.',
  'error.recipient_unavailable': 'This person does not take messages from you.',
  'error.rate_limited': 'Too many attempts. Please wait a minute before trying again.',
  'error.internal_error': 'Something went wrong on our side. Please try again in a moment.',
  'error.unavailable': 'The service is temporarily unavailable. Please try again in a moment.',
  'error.protocol_mismatch': 'A new version of the Atelier is online: reload the page.',

  'error.unauthenticated': 'Please sign in to continue.',
  'error.invalid_credentials': 'Wrong email address or password.',
  'error.invalid_token': 'This link has expired or has already been used.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.csrf_failed': 'Your session has expired. Reload the page and try again.',
  'error.origin_forbidden': 'This request was refused for security reasons. Reload the page and try again.',
  'error.email_taken':
    'An account already exists with this address. Sign in, or ask for a new password if you forgot it.',
  'error.oidc_unavailable':
    'Signing in with this service is unavailable at the moment. Try again later, or sign in with your address.',
  'error.oidc_failed': 'The sign-in could not be verified. Please start again from this page.',
  'error.oidc_expired': 'The sign-in has expired or was already used. Please start again from this page.',
  'error.oidc_denied': 'The sign-in was cancelled. You may start again, or sign in with your address.',
  'error.oidc_email_missing': 'The sign-in service did not share your email address: your account cannot be created.',
  'error.oidc_email_unverified':
    'An account already exists with this address, but the sign-in service has not verified it: we cannot link them. Sign in with your password or a mailed link.',

  'error.already_member': 'You already belong to this space.',
  'error.not_member': 'You do not belong to this space (or no longer).',
  'error.last_animateur': 'This space must keep at least one facilitator: appoint another one first.',
  'error.space_archived': 'This space is archived: it no longer welcomes new members.',

  'error.thread_locked': 'This thread is locked: no more replies.',
  'error.post_empty': 'The message is empty: write a few words.',
  'error.post_too_large': 'The message is too long. Shorten it or split it into several messages.',
  'error.file_too_large': 'This file is too large.',
  'error.file_type_forbidden':
    'This type of file is not accepted. Upload a PDF, an office document (Word, Excel, PowerPoint, OpenDocument) or an image (PNG, JPEG, WebP, GIF).',
  'error.image_unreadable':
    'This image could not be read: the file seems damaged, or the image is far too large. Try another image.',

  'error.event_invalid_dates': 'The end must come after the start (72 hours at most).',
  'error.unknown_timezone': 'This time zone is not recognised. Pick one from the list.',
  'error.capacity_below_registrations':
    'More people are already registered than this number of seats. Raise it, or leave it as it was.',
  'error.registration_closed': 'Registration for this event is closed.',
  'error.event_cancelled': 'This event has been cancelled.',
  'error.already_registered': 'You are already registered for this event.',
  'error.guests_not_allowed': 'This event needs an account to register.',
  'error.parent_registration_required': 'Register for the event first, then choose your sessions.',
  'error.session_overlap': 'You already chose a session at that time: leave it first to take this one.',
  'error.not_registered': 'Register for this session to ask a question or support one.',
  'error.questions_closed': 'Questions for this session are closed.',
  'error.own_question': 'You cannot vote for your own question.',
  'error.event_not_started': 'Attendance can be marked once the event has started.',
  'error.comment_resolved': 'This comment thread is resolved: reopen it to reply.',
  'error.comment_has_replies': 'This comment has replies: it can no longer be deleted.',
};
export default errorsEn;
