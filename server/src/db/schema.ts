import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Every table type, in one place, written by hand to match `migrations/`. Queries see them
 * through `DB`; features never declare tables of their own.
 */

type CreatedAt = ColumnType<Date, never, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string | null;
  display_name: string;
  role: Generated<'member' | 'admin'>;
  locale: Generated<'fr' | 'en'>;
  organisation_name: string | null;
  organisation_kind: string | null;
  territory: string | null;
  fantastic_role: string | null;
  themes: Generated<string[]>;
  bio: string | null;
  listed_in_directory: Generated<boolean>;
  /** The storage key of the profile picture (a 256 px WebP), or null; set with `avatar_updated_at`. */
  avatar_key: string | null;
  /** When the picture was set: its version in `avatarUrl` (migrations/202612051800_user_avatars.ts). */
  avatar_updated_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** Known by a confirmed address only, to hold event seats (migrations/202612080300_guest_registrations.ts). */
  is_guest: Generated<boolean>;
}
export type UserRow = Selectable<UsersTable>;

export interface CharterAcceptancesTable {
  user_id: string;
  version: string;
  accepted_at: Timestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Date;
  user_agent: string | null;
}

/** An account's identity at an OpenID provider (migrations/202612080600_oidc.ts). */
export interface OidcIdentitiesTable {
  id: Generated<string>;
  user_id: string;
  issuer: string;
  subject: string;
  /** The address the provider gave when the link was made. */
  email: string | null;
  created_at: CreatedAt;
  last_used_at: Timestamp;
}

/** An OpenID Connect sign-in under way, found again by its cookie's hash; single use. */
export interface OidcSignInsTable {
  id: Generated<string>;
  cookie_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  expires_at: Date;
  created_at: CreatedAt;
}

export interface AuthTokensTable {
  id: Generated<string>;
  user_id: string;
  purpose: 'mail_login' | 'password_reset';
  token_hash: string;
  code_hash: string | null;
  attempts: Generated<number>;
  expires_at: Date;
  used_at: Date | null;
  created_at: CreatedAt;
}

export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: Generated<'queued' | 'sent' | 'kept' | 'failed'>;
  /** Extra headers (List-Unsubscribe …), as a JSON object of strings. */
  headers: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Date | null;
}

export interface SpacesTable {
  id: Generated<string>;
  slug: string;
  kind: 'chantier' | 'communaute' | 'cohorte';
  title: string;
  summary: Generated<string>;
  description: Generated<string>;
  goals: Generated<string[]>;
  period: string | null;
  partners: Generated<string[]>;
  audience: string | null;
  status: Generated<'active' | 'archived'>;
  visibility: 'public' | 'members' | 'private';
  join_policy: 'open' | 'request' | 'invite';
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** Its events take guests (a public space only); migrations/202612080300_guest_registrations.ts. */
  guest_registration: Generated<boolean>;
}
export type SpaceRow = Selectable<SpacesTable>;

export interface SpaceProjectsTable {
  id: Generated<string>;
  space_id: string;
  territory: string;
  theme: string | null;
  position: number;
  /** The accompanied territory the project is in, when it is one the platform knows. */
  territory_id: Generated<string | null>;
}

export interface TerritoriesTable {
  id: Generated<string>;
  level: 'commune' | 'epci' | 'departement' | 'region' | 'other';
  /** INSEE code (commune, département, région) or SIREN (EPCI, other groupings). */
  code: string;
  name: string;
  programmes: Array<'cohorte' | 'experimental' | 'ponctuel'>;
  lat: number | null;
  lon: number | null;
  created_at: CreatedAt;
}

/** A territory's « 4 Fantastiques »: a role without a row is a vacancy. */
export interface TerritoryTeamTable {
  territory_id: string;
  role: 'elu' | 'agent' | 'etat' | 'acteur';
  user_id: string;
  since: Generated<Date>;
}

export interface MembershipsTable {
  space_id: string;
  user_id: string;
  role: Generated<'animateur' | 'membre'>;
  status: 'active' | 'pending';
  created_at: CreatedAt;
  /** Who approved the request or sent the accepted invitation; null for open joins. */
  decided_by: string | null;
  decided_at: Date | null;
}
export type MembershipRow = Selectable<MembershipsTable>;

/** When a space's animateur·ices were last mailed about one person's request to join. */
export interface JoinRequestNoticesTable {
  space_id: string;
  user_id: string;
  notified_at: Timestamp;
}

export interface SpaceInvitationsTable {
  id: Generated<string>;
  space_id: string;
  /** Lower-cased; only this address may accept. */
  email: string;
  role: Generated<'animateur' | 'membre'>;
  token_hash: string;
  invited_by: string | null;
  created_at: CreatedAt;
  expires_at: Date;
  accepted_at: Date | null;
  accepted_by: string | null;
  /** From a bulk invitation: what the account created from it starts with. */
  display_name: string | null;
  organisation_name: string | null;
  territory: string | null;
  fantastic_role: string | null;
  /** The accompanied territory named by the bulk invitation: accepting takes its vacant seat. */
  territory_id: Generated<string | null>;
}
export type SpaceInvitationRow = Selectable<SpaceInvitationsTable>;

export interface EventSeriesTable {
  id: Generated<string>;
  slug: string;
  title: string;
  kind: 'permanence' | 'initiation' | 'atelier' | 'autre';
  summary: Generated<string>;
  space_id: string | null;
  rrule: string;
  timezone: string;
  first_date: ColumnType<Date, string, string>;
  start_time: string;
  duration_minutes: number;
  mode: 'visio' | 'presentiel';
  capacity: number | null;
  video_url: string | null;
  address: string | null;
  accessibility_note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}
export type EventSeriesRow = Selectable<EventSeriesTable>;

export interface ThreadsTable {
  id: Generated<string>;
  space_id: string;
  author_id: string;
  title: string;
  pinned: Generated<boolean>;
  locked: Generated<boolean>;
  /** Posts not deleted. */
  post_count: Generated<number>;
  /** The number of the latest post (deleted ones included): read positions compare to it. */
  last_number: Generated<number>;
  last_post_at: Timestamp;
  created_at: CreatedAt;
}
export type ThreadRow = Selectable<ThreadsTable>;

export interface PostsTable {
  id: Generated<string>;
  thread_id: string;
  /** 1, 2, 3 … in the thread, in commit order. */
  number: number;
  author_id: string;
  /** Sanitized HTML; empty once deleted. */
  body: string;
  reply_to_id: string | null;
  quote_post_id: string | null;
  mentions: Generated<string[]>;
  created_at: CreatedAt;
  edited_at: Date | null;
  deleted_at: Date | null;
  deleted_by: string | null;
  /** Hidden by moderation (see `features/moderation/`); the body stays for author and moderators. */
  hidden_at: Generated<Date | null>;
  /** The moderator who hid it; null while hidden pending review (by the flags' threshold). */
  hidden_by: Generated<string | null>;
}
export type PostRow = Selectable<PostsTable>;

export interface PostRevisionsTable {
  id: Generated<string>;
  post_id: string;
  body: string;
  written_at: Date;
  replaced_at: Generated<Date>;
  edited_by: string | null;
}

export interface ReactionsTable {
  post_id: string;
  user_id: string;
  emoji: string;
  created_at: CreatedAt;
}

export interface ReadStatesTable {
  user_id: string;
  thread_id: string;
  last_read_number: number;
  updated_at: Timestamp;
}

export interface ThreadFollowsTable {
  user_id: string;
  thread_id: string;
  following: boolean;
  updated_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: 'mention' | 'reply' | 'thread_post' | 'moderation' | 'question_transmitted';
  actor_id: string;
  space_id: string;
  thread_id: string;
  post_id: string;
  created_at: CreatedAt;
  read_at: Date | null;
  /** Kind `moderation`: the decision told to the author, and the moderator's note. */
  moderation_decision: Generated<'keep' | 'hide' | 'delete' | null>;
  moderation_note: Generated<string | null>;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  route: string;
  /** The first answer, as sent; null while the first request is still running. */
  response: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

/** A realtime room's last allocated sequence number (see `plugins/realtime/events.queries.ts`). */
export interface RealtimeRoomsTable {
  room: string;
  seq: Generated<number>;
}

/** A room's numbered reference to an event, stored once in `realtime_payloads`. */
export interface RealtimeEventsTable {
  room: string;
  seq: number;
  payload_id: string;
  created_at: CreatedAt;
}

export interface RealtimePayloadsTable {
  id: string;
  type: string;
  data: ColumnType<unknown, string | null, string | null>;
  created_at: CreatedAt;
}

// ── Documents ──

export interface DocumentsTable {
  id: Generated<string>;
  /** Null: a document of the whole alliance (read by everyone, edited by admins). */
  space_id: string | null;
  title: string;
  created_by: string;
  created_at: CreatedAt;
  last_edited_at: Date | null;
  last_edited_by: string | null;
  deleted_at: Date | null;
  /** The compacted Yjs state (one update), or null before the first compaction. */
  state: Uint8Array | null;
  /** Every `document_updates` row up to this id is already folded into `state`. */
  compacted_through: Generated<number>;
  plain_text: Generated<string>;
  last_auto_version_at: Date | null;
  search_vector: ColumnType<string, never, never>;
}
export type DocumentRow = Selectable<DocumentsTable>;

export interface DocumentUpdatesTable {
  id: Generated<number>;
  document_id: string;
  update: Uint8Array;
  created_at: CreatedAt;
}

export interface DocumentVersionsTable {
  id: Generated<string>;
  document_id: string;
  kind: 'auto' | 'named' | 'restore';
  name: string | null;
  state: Uint8Array;
  plain_text: string;
  created_by: string | null;
  created_at: CreatedAt;
}
export type DocumentVersionRow = Selectable<DocumentVersionsTable>;

/**
 * A comment on a document (migrations/202612080100_document_comments.ts). A thread's first
 * comment has `thread_id` null and holds the anchor and the resolved state; replies name it.
 */
export interface DocumentCommentsTable {
  id: Generated<string>;
  document_id: string;
  thread_id: string | null;
  author_id: string;
  /** Plain text, trimmed. */
  body: string;
  /** Yjs relative positions (`Y.encodeRelativePosition`, base64); null on replies. */
  anchor_start: string | null;
  anchor_end: string | null;
  /** The passage's text when the thread was started; null on replies. */
  quote: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  created_at: CreatedAt;
}

// ── Resources ──

/** A file uploaded to a space; its bytes are in the file storage under `storage_key`. */
export interface FilesTable {
  id: Generated<string>;
  space_id: string;
  uploaded_by: string;
  /** The uploaded name, cleaned (see `file-name.ts`). */
  name: string;
  /** Sniffed from the content, never taken from the name or the browser. */
  mime_type: string;
  /** `bigint` in the database, read back as a number by both engines (see db/database.ts). */
  size_bytes: number;
  storage_key: string;
  sha256: string;
  has_preview: Generated<boolean>;
  /** The text extracted from a PDF or office file, for search ('' until extracted, or none). */
  text_content: Generated<string>;
  /** When its text was last read for search, whatever came of it; null: not yet. */
  text_read_at: Date | null;
  created_at: CreatedAt;
  deleted_at: Date | null;
}
export type FileRow = Selectable<FilesTable>;

/** A link to an outside resource (http or https). */
export interface LinksTable {
  id: Generated<string>;
  space_id: string;
  url: string;
  title: string;
  description: Generated<string>;
  created_by: string;
  created_at: CreatedAt;
  deleted_at: Date | null;
}
export type LinkRow = Selectable<LinksTable>;

// ── Events (migrations/202611291300_events.ts) ──

export interface EventsTable {
  id: Generated<string>;
  series_id: string | null;
  /** The occurrence's date by its series' rule (kept when moved alone); null for one-off events. */
  occurrence_date: ColumnType<string | null, string | null | undefined, string | null>;
  /** Null: the whole alliance. */
  space_id: string | null;
  title: string;
  kind: 'permanence' | 'initiation' | 'atelier' | 'autre';
  summary: Generated<string>;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  timezone: string;
  mode: 'visio' | 'presentiel';
  capacity: number | null;
  video_url: string | null;
  address: string | null;
  accessibility_note: string | null;
  registration_deadline: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  cancelled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  cancel_reason: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  report_document_id: string | null;
  follow_up_thread_id: string | null;
  /** A session's event (migrations/202612080200_event_sessions.ts); null for an event of its own. */
  parent_id: ColumnType<string | null, string | null | undefined, never>;
  /** `[{ key, required }]`, read through the contract's `RegistrationQuestionsSchema`; written as JSON text. */
  registration_questions: ColumnType<unknown, string | undefined, string>;
}
export type EventRow = Selectable<EventsTable>;

/** A guest's registration request until its mailed link confirms it. */
export interface GuestRequestsTable {
  id: Generated<string>;
  event_id: string;
  email: string;
  display_name: string;
  answers: ColumnType<unknown, string | undefined, string>;
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
  created_at: CreatedAt;
}

export interface RegistrationsTable {
  id: Generated<string>;
  event_id: string;
  user_id: string;
  /** Waitlist order: `created_at`, then `id`. */
  status: 'registered' | 'waitlisted' | 'cancelled';
  /** Hash of the one-click cancel token of the latest mail that carried it. */
  cancel_token_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  promoted_at: Date | null;
  reminded_day_at: Date | null;
  reminded_hour_at: Date | null;
  /** `{ key: answer }` to the event's registration questions, read through `RegistrationAnswersSchema`. */
  answers: ColumnType<unknown, string | undefined, string>;
}
export type RegistrationRow = Selectable<RegistrationsTable>;

export interface SeriesFollowsTable {
  user_id: string;
  series_id: string;
  created_at: CreatedAt;
}

export interface CalendarFeedsTable {
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
}

export interface CalendarFeedKeyTable {
  id: number;
  secret: string;
}

// ── Questions, votes and attendance (migrations/202611291310_event_questions.ts) ──

export interface QuestionsTable {
  id: Generated<string>;
  event_id: string;
  author_id: string;
  body: string;
  status: Generated<'open' | 'current' | 'answered' | 'transmitted'>;
  transmitted_space_id: string | null;
  /** Kept equal to the number of `question_votes` rows, in the voting transaction. */
  votes: Generated<number>;
  /** Bumped by every change (vote, withdrawal, status): the newest state wins on clients. */
  revision: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface QuestionVotesTable {
  question_id: string;
  user_id: string;
  created_at: CreatedAt;
}

/**
 * The thread of a space that gathers the questions one event transmitted to it
 * (migrations/202612070400_question_transmissions.ts).
 */
export interface EventTransmissionsTable {
  event_id: string;
  space_id: string;
  thread_id: string;
  created_at: CreatedAt;
}

/** A question's post in that thread: written once per space, kept when the status is undone. */
export interface QuestionTransmissionsTable {
  question_id: string;
  space_id: string;
  thread_id: string;
  post_id: string;
  created_at: CreatedAt;
}

/** Who came to an event, as marked by those who run it. */
export interface AttendancesTable {
  event_id: string;
  user_id: string;
  marked_by: string | null;
  created_at: CreatedAt;
}

// ── Mail settings, grouped mails and digests (migrations/202612051900_mail_settings.ts) ──

export type MailChoice = 'each' | 'off';
export type SpaceMailMode = 'each' | 'daily' | 'weekly' | 'off';

export interface MailSettingsTable {
  user_id: string;
  mentions: Generated<MailChoice>;
  replies: Generated<MailChoice>;
  /** Event reminders (migrations/202612052030_reminder_mails.ts). */
  reminders: Generated<MailChoice>;
  updated_at: Timestamp;
}

export interface SpaceMailSettingsTable {
  user_id: string;
  space_id: string;
  mode: SpaceMailMode;
  updated_at: Timestamp;
}

export interface PendingMailsTable {
  user_id: string;
  post_id: string;
  reason: 'mention' | 'reply' | 'space_post';
  created_at: CreatedAt;
  mailed_at: Date | null;
}

export interface DigestDeliveriesTable {
  user_id: string;
  period: 'daily' | 'weekly';
  period_key: string;
  created_at: CreatedAt;
}

// ── Infolettres (migrations/202612052020_newsletters.ts) ──

export type NewsletterStatus = 'draft' | 'sending' | 'sent';

export interface NewslettersTable {
  id: Generated<string>;
  space_id: string;
  author_id: string | null;
  subject: string;
  /** Sanitized HTML, links absolute. */
  body: string;
  status: Generated<NewsletterStatus>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  sent_by: string | null;
  send_started_at: Date | null;
  sent_at: Date | null;
  /** Who it went to when sending began; the exact count once sent. Null for drafts. */
  recipient_count: number | null;
}
export type NewsletterRow = Selectable<NewslettersTable>;

/** One issue mailed to one person: never twice (primary key). */
export interface NewsletterDeliveriesTable {
  newsletter_id: string;
  user_id: string;
  outbox_id: string | null;
  created_at: CreatedAt;
}

/** A member who does not want a space's infolettres. */
export interface NewsletterOptOutsTable {
  user_id: string;
  space_id: string;
  created_at: CreatedAt;
}

// ── Personal API tokens (migrations/202612080400_api_tokens.ts) ──

/** A person's API token: the secret's hash only; rights come from the owner at each request. */
export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  scopes: ColumnType<Array<'read' | 'write'>, Array<'read' | 'write'>, never>;
  created_at: CreatedAt;
  last_used_at: Date | null;
}
export type ApiTokenRow = Selectable<ApiTokensTable>;

// ── Webhooks (migrations/202612080500_webhooks.ts) ──

export interface WebhooksTable {
  id: Generated<string>;
  space_id: string;
  created_by: string | null;
  url: string;
  events: string[];
  /** Signs deliveries; kept as is (it opens nothing here). */
  secret: string;
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  failure_count: Generated<number>;
  created_at: CreatedAt;
}
export type WebhookRow = Selectable<WebhooksTable>;

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'refused' | 'skipped';

/** One event sent to one webhook; `body` is dropped once the delivery ends. */
export interface WebhookDeliveriesTable {
  id: Generated<string>;
  webhook_id: string;
  event: string;
  body: string | null;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  status_code: number | null;
  duration_ms: number | null;
  error: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;

// ── Web Push (migrations/202612052010_push_subscriptions.ts) ──

/** One browser that receives a person's notifications. */
export interface PushSubscriptionsTable {
  id: Generated<string>;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  user_agent: string | null;
  /** Renewed when the browser moves to another person. */
  created_at: ColumnType<Date, never, Date | string>;
}
export type PushSubscriptionRow = Selectable<PushSubscriptionsTable>;

export interface PushVapidKeysTable {
  id: number;
  public_key: string;
  private_key: string;
  created_at: CreatedAt;
}

/** Work a push job has done, by key: a job run twice sends nothing again. */
export interface PushClaimsTable {
  key: string;
  created_at: CreatedAt;
}

/** A Reply-To address of a mail about posts: the hash of its token, who may answer and where. */
export interface ReplyAddressesTable {
  token_hash: string;
  user_id: string;
  thread_id: string;
  /** The post the answer replies to. */
  post_id: string;
  created_at: CreatedAt;
  expires_at: Date;
}

/** Mail received at a reply address, until (and a while after) its job decided about it. */
export interface InboundRepliesTable {
  id: Generated<string>;
  token_hash: string;
  /** The Message-ID (or, without one, a hash of the message): the same message is handled once. */
  message_key: string;
  /** The From address, as the message gave it. */
  sender: string;
  /** The plain text as received; cleared once decided. */
  text_body: string | null;
  status: Generated<'received' | 'posted' | 'refused' | 'dropped'>;
  /** Why it was refused or dropped (`expired`, `forbidden` …). */
  outcome: string | null;
  post_id: string | null;
  received_at: CreatedAt;
  decided_at: Date | null;
}

/** What search finds, kept up to date by triggers on each source table. */
export interface SearchEntriesTable {
  type: 'space' | 'thread' | 'post' | 'document' | 'file' | 'link' | 'event' | 'person';
  ref_id: string;
  space_id: string | null;
  parent_id: string | null;
  title: string;
  body: Generated<string>;
  url: string | null;
  at: Date;
  vector: ColumnType<string, never, never>;
  title_vector: ColumnType<string | null, never, never>;
}

/** A flag on a post, document or file (`features/moderation/`), open until decided. */
export interface FlagsTable {
  id: Generated<string>;
  target_type: 'post' | 'document' | 'file' | 'message';
  target_id: string;
  /** Null: an alliance document (the admins' queue only). */
  space_id: string | null;
  flagged_by: string;
  reason: 'charter' | 'spam' | 'abuse' | 'other';
  note: string | null;
  created_at: CreatedAt;
  decision: 'keep' | 'hide' | 'delete' | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
}

/** Nothing from `blocked_id` reaches `blocker_id` (`features/moderation/`). */
export interface UserBlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: CreatedAt;
}

/** Append-only (a trigger refuses updates and deletes): see `features/audit/`. */
export interface AuditLogTable {
  /** `bigint` identity, read back as a number by both engines (see db/database.ts). */
  id: ColumnType<number, never, never>;
  at: CreatedAt;
  actor_id: string | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string;
  target_user_id: string | null;
  target_name: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

/** A person's data exports (`features/privacy/`): a ZIP in the file storage until `expires_at`. */
export interface ExportsTable {
  id: Generated<string>;
  user_id: string;
  status: Generated<'pending' | 'ready' | 'failed'>;
  token_hash: string;
  storage_key: string | null;
  size: number | null;
  created_at: CreatedAt;
  ready_at: Date | null;
  expires_at: Date;
}

export interface OrganisationsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  kind: string;
  siren: string | null;
  territory: string | null;
  /** Its territory's official code and level; then `territory` is the official name. Both or neither. */
  territory_level: 'commune' | 'epci' | 'departement' | 'region' | null;
  territory_code: string | null;
  themes: Generated<string[]>;
  website: string | null;
  presentation: Generated<string>;
  charter_joined_on: string | null;
  /** Its logo's storage key (a 256 px WebP) and when it was set, the version in its URL; both or neither. */
  logo_key: string | null;
  logo_updated_at: Date | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

/** The commons: a document version (copied as published), a file or a link, for everyone. */
export interface PublicationsTable {
  id: Generated<string>;
  space_id: string | null;
  source_type: 'document_version' | 'file' | 'link';
  source_id: string;
  title: string;
  summary: Generated<string>;
  kind: 'publication' | 'fiche' | 'initiative' | 'podcast' | 'video' | 'revue_de_presse';
  themes: Generated<string[]>;
  territories: Generated<string[]>;
  licence: string;
  html: string | null;
  plain_text: Generated<string>;
  url: string | null;
  published_by: string | null;
  published_at: CreatedAt;
}

export interface OrganisationMembersTable {
  organisation_id: string;
  user_id: string;
  status: 'pending' | 'confirmed';
  /** Confirmed members who may edit the organisation and confirm others' links. */
  referent: Generated<boolean>;
  requested_at: Generated<Date>;
  confirmed_at: Date | null;
}

// ── Direct messages (migrations/202612080700_direct_messages.ts) ──

export interface ConversationsTable {
  id: Generated<string>;
  direct: Generated<boolean>;
  /** The last message's number (messages are numbered 1, 2, 3 … under this row's lock). */
  message_count: Generated<number>;
  last_message_at: Timestamp;
  created_at: CreatedAt;
}

export interface ConversationParticipantsTable {
  conversation_id: string;
  user_id: string;
  last_read_number: Generated<number>;
  /** The last message number a mail (each or daily) told the person of. */
  mailed_number: Generated<number>;
  joined_at: CreatedAt;
}

export interface MessagesTable {
  id: Generated<string>;
  conversation_id: string;
  number: number;
  author_id: string;
  body: string;
  created_at: CreatedAt;
  edited_at: Date | null;
  deleted_at: Date | null;
}

export interface MessageSettingsTable {
  user_id: string;
  accept_from: Generated<'everyone' | 'spaces' | 'nobody'>;
  mail: Generated<'each' | 'daily' | 'off'>;
  updated_at: Timestamp;
}

export interface DB {
  flags: FlagsTable;
  user_blocks: UserBlocksTable;
  users: UsersTable;
  charter_acceptances: CharterAcceptancesTable;
  sessions: SessionsTable;
  oidc_identities: OidcIdentitiesTable;
  oidc_sign_ins: OidcSignInsTable;
  auth_tokens: AuthTokensTable;
  mail_outbox: MailOutboxTable;
  spaces: SpacesTable;
  space_projects: SpaceProjectsTable;
  territories: TerritoriesTable;
  publications: PublicationsTable;
  territory_team: TerritoryTeamTable;
  memberships: MembershipsTable;
  space_invitations: SpaceInvitationsTable;
  join_request_notices: JoinRequestNoticesTable;
  event_series: EventSeriesTable;
  threads: ThreadsTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  reactions: ReactionsTable;
  read_states: ReadStatesTable;
  thread_follows: ThreadFollowsTable;
  notifications: NotificationsTable;
  idempotency_keys: IdempotencyKeysTable;
  realtime_rooms: RealtimeRoomsTable;
  realtime_events: RealtimeEventsTable;
  realtime_payloads: RealtimePayloadsTable;
  documents: DocumentsTable;
  document_updates: DocumentUpdatesTable;
  document_versions: DocumentVersionsTable;
  document_comments: DocumentCommentsTable;
  files: FilesTable;
  links: LinksTable;
  search_entries: SearchEntriesTable;
  events: EventsTable;
  guest_requests: GuestRequestsTable;
  registrations: RegistrationsTable;
  series_follows: SeriesFollowsTable;
  calendar_feeds: CalendarFeedsTable;
  calendar_feed_key: CalendarFeedKeyTable;
  mail_settings: MailSettingsTable;
  space_mail_settings: SpaceMailSettingsTable;
  pending_mails: PendingMailsTable;
  digest_deliveries: DigestDeliveriesTable;
  reply_addresses: ReplyAddressesTable;
  inbound_replies: InboundRepliesTable;
  questions: QuestionsTable;
  question_votes: QuestionVotesTable;
  attendances: AttendancesTable;
  event_transmissions: EventTransmissionsTable;
  question_transmissions: QuestionTransmissionsTable;
  newsletters: NewslettersTable;
  newsletter_deliveries: NewsletterDeliveriesTable;
  newsletter_opt_outs: NewsletterOptOutsTable;
  push_subscriptions: PushSubscriptionsTable;
  push_vapid_keys: PushVapidKeysTable;
  push_claims: PushClaimsTable;
  api_tokens: ApiTokensTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  audit_log: AuditLogTable;
  exports: ExportsTable;
  organisations: OrganisationsTable;
  organisation_members: OrganisationMembersTable;
  conversations: ConversationsTable;
  conversation_participants: ConversationParticipantsTable;
  messages: MessagesTable;
  message_settings: MessageSettingsTable;
}
