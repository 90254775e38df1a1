import { z } from 'zod';

/**
 * Every error code the API, socket acks and collab close reasons may carry.
 * The list is closed: clients switch on it, so codes are added, never renamed.
 */
export const ERROR_CODES = {
  invalid_input: 400,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_token: 400,
  forbidden: 403,
  csrf_failed: 403,
  origin_forbidden: 403,
  not_found: 404,
  email_taken: 409,
  conflict: 409,
  /** Joining (or inviting someone to) a space one already belongs to. */
  already_member: 409,
  /** Leaving a space, or removing a membership, that does not exist. */
  not_member: 404,
  /** The last active animateur·ice leaves or is demoted without naming a successor. */
  last_animateur: 409,
  /** Joining, inviting or approving in an archived space. */
  space_archived: 409,
  /** Posting in a locked thread. */
  thread_locked: 409,
  /** A post body with nothing left after sanitising. */
  post_empty: 400,
  /** A post body longer than POST_BODY_MAX_CHARS. */
  post_too_large: 413,
  /** An uploaded file larger than FILE_MAX_BYTES. */
  file_too_large: 413,
  /** An uploaded file whose content (sniffed, not its name) is not an allowed type. */
  file_type_forbidden: 415,
  /** An uploaded image that cannot be decoded: truncated, corrupt, or too many pixels to decode safely. */
  image_unreadable: 400,
  /** An event that ends before it starts. */
  event_invalid_dates: 400,
  /** A time zone that is not in the IANA database. */
  unknown_timezone: 400,
  /** Lowering an event's capacity below its current registrations. */
  capacity_below_registrations: 409,
  /** Registering for an event that has started or ended, or after its deadline. */
  registration_closed: 409,
  /** Registering for, or asking a question in, a cancelled event. */
  event_cancelled: 409,
  /** Registering again for an event one holds a seat or a waitlist place in. */
  already_registered: 409,
  /** Choosing a session without holding a seat in its event. */
  parent_registration_required: 409,
  /** Choosing a session at the time of another session one already holds a place in. */
  session_overlap: 409,
  /** Registering without an account for an event that takes registrations with an account only. */
  guests_not_allowed: 403,
  /** Asking or voting without a registration (seat or waitlist) for the event. */
  not_registered: 403,
  /** Asking or voting once the event has ended (questions are open until its end). */
  questions_closed: 409,
  /** Voting for one's own question. */
  own_question: 403,
  /** Marking attendance for an event that has not started yet. */
  event_not_started: 409,
  /** Replying to a document comment thread that is resolved (reopen it first). */
  comment_resolved: 409,
  /** Deleting a document comment thread that has replies (delete the replies first). */
  comment_has_replies: 409,
  /** Writing to someone who does not take messages from the author (their choice, or a block). */
  recipient_unavailable: 403,
  /** A personal API token that is unknown, revoked, or whose owner is gone. */
  token_invalid: 401,
  /** A write (POST, PUT, PATCH, DELETE) with a token that may only read. */
  token_scope: 403,
  /** An account-level action (password, email, deletion, export, tokens) tried with a token. */
  token_not_allowed: 403,
  /** A webhook URL that is not https, carries credentials, or names a private address. */
  webhook_url_forbidden: 400,
  /** OpenID Connect sign-in: not configured, or the provider cannot be reached. */
  oidc_unavailable: 503,
  /** OpenID Connect sign-in: the provider's answer did not check out (state, code, token, issuer). */
  oidc_failed: 400,
  /** OpenID Connect sign-in: no sign-in under way in this browser (too late, or already used). */
  oidc_expired: 400,
  /** OpenID Connect sign-in: the person cancelled at the provider, or it refused. */
  oidc_denied: 400,
  /** OpenID Connect sign-in: the provider gave no email address. */
  oidc_email_missing: 400,
  /** OpenID Connect sign-in: an account has this address, which the provider has not verified. */
  oidc_email_unverified: 409,
  rate_limited: 429,
  /** A socket client of another protocol version (a page left open across a deployment). */
  protocol_mismatch: 400,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ErrorCodeSchema = z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]);

export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    /** Per-field messages for `invalid_input`, keyed by dotted path. */
    details: z.record(z.string(), z.array(z.string())).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
