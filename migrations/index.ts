import type { Migration } from 'kysely/migration';
import * as foundation from './202611281800_foundation';
import * as spaceInvitations from './202611281900_space_invitations';
import * as directoryIndexes from './202611281910_directory_indexes';
import * as realtimeEvents from './202611282000_realtime_events';
import * as discussions from './202611282010_discussions';
import * as documents from './202611291200_documents';
import * as resources from './202611291210_resources';
import * as events from './202611291300_events';
import * as eventQuestions from './202611291310_event_questions';
import * as joinRequestNotices from './202612011000_join_request_notices';
import * as leanPosting from './202612051200_lean_posting';
import * as scaleIndexes from './202612051300_scale_indexes';
import * as questionRevisions from './202612051400_question_revisions';
import * as userAvatars from './202612051800_user_avatars';
import * as mailSettings from './202612051900_mail_settings';
import * as replyByMail from './202612052000_reply_by_mail';
import * as pushSubscriptions from './202612052010_push_subscriptions';
import * as newsletters from './202612052020_newsletters';
import * as reminderMails from './202612052030_reminder_mails';
import * as search from './202612052040_search';
import * as moderation from './202612052050_moderation';
import * as privacy from './202612052100_privacy';
import * as fileTextRead from './202612060100_file_text_read';
import * as organisations from './202612060200_organisations';
import * as bulkInvitations from './202612060300_bulk_invitations';
import * as organisationLogos from './202612070100_organisation_logos';
import * as territories from './202612070200_territories';
import * as organisationPlaces from './202612070300_organisation_places';
import * as questionTransmissions from './202612070400_question_transmissions';
import * as publications from './202612070500_publications';
import * as documentComments from './202612080100_document_comments';
import * as eventSessions from './202612080200_event_sessions';
import * as guestRegistrations from './202612080300_guest_registrations';
import * as apiTokens from './202612080400_api_tokens';
import * as webhooks from './202612080500_webhooks';
import * as oidc from './202612080600_oidc';
import * as directMessages from './202612080700_direct_messages';

/**
 * Every migration, keyed by its file name. Listed explicitly (rather than read from the
 * folder) so that bundlers, tests and both database engines see exactly the same set.
 */
export const migrations: Record<string, Migration> = {
  '202611281800_foundation': foundation,
  '202611281900_space_invitations': spaceInvitations,
  '202611281910_directory_indexes': directoryIndexes,
  '202611282000_realtime_events': realtimeEvents,
  '202611282010_discussions': discussions,
  '202611291200_documents': documents,
  '202611291210_resources': resources,
  '202611291300_events': events,
  '202611291310_event_questions': eventQuestions,
  '202612011000_join_request_notices': joinRequestNotices,
  '202612051200_lean_posting': leanPosting,
  '202612051300_scale_indexes': scaleIndexes,
  '202612051400_question_revisions': questionRevisions,
  '202612051800_user_avatars': userAvatars,
  '202612051900_mail_settings': mailSettings,
  '202612052000_reply_by_mail': replyByMail,
  '202612052010_push_subscriptions': pushSubscriptions,
  '202612052020_newsletters': newsletters,
  '202612052030_reminder_mails': reminderMails,
  '202612052040_search': search,
  '202612052050_moderation': moderation,
  '202612052100_privacy': privacy,
  '202612060100_file_text_read': fileTextRead,
  '202612060200_organisations': organisations,
  '202612060300_bulk_invitations': bulkInvitations,
  '202612070100_organisation_logos': organisationLogos,
  '202612070200_territories': territories,
  '202612070300_organisation_places': organisationPlaces,
  '202612070400_question_transmissions': questionTransmissions,
  '202612070500_publications': publications,
  '202612080100_document_comments': documentComments,
  '202612080200_event_sessions': eventSessions,
  '202612080300_guest_registrations': guestRegistrations,
  '202612080400_api_tokens': apiTokens,
  '202612080500_webhooks': webhooks,
  '202612080600_oidc': oidc,
  '202612080700_direct_messages': directMessages,
};
