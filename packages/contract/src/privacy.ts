import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, paginated } from './common';

/**
 * Personal data and its traces: the audit log admins read, a person's export of their data
 * and the erasure of their account (API.md, "Trust, safety and personal data").
 */

/**
 * Actions the audit log records. Open-ended on the wire (other features add theirs, such as
 * moderation decisions); clients show a label for those they know and the code otherwise.
 */
export const AUDIT_ACTIONS = ['role_change', 'member_removal', 'export', 'erasure'] as const;

/** One entry of `GET /api/admin/audit`: who did what, when, to whom. */
export const AuditEntrySchema = z.object({
  id: IdSchema,
  at: IsoDateTimeSchema,
  /** Who acted; `id` is absent once their account is erased, the name stays. */
  actor: z.object({ id: IdSchema.optional(), name: z.string() }),
  action: z.string(),
  /** What the act was about: a space's membership, an account, a post … */
  subject: z.object({ type: z.string(), id: z.string() }),
  /** The person the act concerned, when there is one. */
  target: z.object({ id: IdSchema.optional(), name: z.string() }).optional(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = paginated(AuditEntrySchema);
export type AuditPage = z.infer<typeof AuditPageSchema>;

export const AuditQuerySchema = z.object({
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});

/** How long a built export can be downloaded, in hours. */
export const EXPORT_LIFETIME_HOURS = 48;

/** `GET /api/me/export?token=`: the mailed link's token; without it, the session decides. */
export const ExportQuerySchema = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,128}$/, 'not an export token')
    .optional(),
});

/** `POST /api/me/export` → 202: the ZIP is being built and a link will be mailed. */
export const ExportRequestedSchema = z.object({
  ok: z.literal(true),
  /** When the link will stop working, counted from now (the build takes seconds). */
  expiresAt: IsoDateTimeSchema,
});
export type ExportRequested = z.infer<typeof ExportRequestedSchema>;

/** `DELETE /api/me`: typing the word is the confirmation; posts stay unless `deletePosts`. */
export const ERASURE_CONFIRMATION = 'SUPPRIMER';
export const EraseAccountBodySchema = z.strictObject({
  confirm: z.literal(ERASURE_CONFIRMATION),
  /** Delete my posts too, rather than leave them signed « ancien·ne membre ». */
  deletePosts: z.boolean().optional(),
});
export type EraseAccountBody = z.infer<typeof EraseAccountBodySchema>;

/** How the author of posts left behind by an erased account is shown. */
export const FORMER_MEMBER_NAME = 'ancien·ne membre';
