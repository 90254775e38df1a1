import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common';
import { PersonRefSchema } from './spaces';

/**
 * Trust and safety: flags on posts, documents and files, the moderation queues of a space's
 * animateur·ices and of admins, their decisions, and blocking a person. Flaggers are never
 * named to the author of what they flagged.
 */

/** Why something is flagged, tied to the charter. */
export const FlagReasonSchema = z.enum(['charter', 'spam', 'abuse', 'other']);
export type FlagReason = z.infer<typeof FlagReasonSchema>;
export const FLAG_REASONS = FlagReasonSchema.options;

/** What may be flagged. */
export const FlagTargetTypeSchema = z.enum(['post', 'document', 'file', 'message']);
export type FlagTargetType = z.infer<typeof FlagTargetTypeSchema>;

/** Longest note a flag or a decision may carry. */
export const FLAG_NOTE_MAX_CHARS = 1000;
const note = z.string().trim().max(FLAG_NOTE_MAX_CHARS);

/**
 * `POST /api/posts/:id/flags`, `/api/documents/:id/flags`, `/api/files/:id/flags` → 201
 * `{ flag }`; the same person flagging the same thing again → 200 with the flag already open.
 */
export const FlagCreateBodySchema = z.strictObject({
  reason: FlagReasonSchema,
  /** What the moderators should know (at most 1000 characters). */
  note: note.optional(),
});
export type FlagCreateBody = z.infer<typeof FlagCreateBodySchema>;

export const FlagSchema = z.object({
  id: IdSchema,
  targetType: FlagTargetTypeSchema,
  targetId: IdSchema,
  reason: FlagReasonSchema,
  note: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
});
export type Flag = z.infer<typeof FlagSchema>;
export const FlagEnvelopeSchema = z.object({ flag: FlagSchema });

/** What a moderator decides: keep (flags closed, shown again), hide (posts only), delete. */
export const ModerationDecisionSchema = z.enum(['keep', 'hide', 'delete']);
export type ModerationDecision = z.infer<typeof ModerationDecisionSchema>;

/** `POST /api/flags/:id/decision` → `{ decision }`; a flag already decided → 409 `conflict`. */
export const FlagDecisionBodySchema = z.strictObject({
  decision: ModerationDecisionSchema,
  /** Told to the author with the decision. */
  note: note.optional(),
});
export type FlagDecisionBody = z.infer<typeof FlagDecisionBodySchema>;

export const FlagDecisionResultSchema = z.object({
  decision: ModerationDecisionSchema,
  targetType: FlagTargetTypeSchema,
  targetId: IdSchema,
  /** How many open flags of the target the decision closed. */
  closedFlags: z.number().int().nonnegative(),
  decidedAt: IsoDateTimeSchema,
});
export type FlagDecisionResult = z.infer<typeof FlagDecisionResultSchema>;

/** One flag as the queue shows it: no flagger's name. */
export const QueueFlagSchema = z.object({
  id: IdSchema,
  reason: FlagReasonSchema,
  note: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
});

/** One flagged thing with its open flags, in a moderation queue. */
export const ModerationItemSchema = z.object({
  targetType: FlagTargetTypeSchema,
  targetId: IdSchema,
  /** The flag to decide on (any open flag of the target closes them all). */
  flagId: IdSchema,
  space: z.object({ id: IdSchema, slug: z.string(), title: z.string() }).nullable(),
  /** A post's thread title, a document's or file's name. */
  title: z.string(),
  /** A short plain-text extract (posts), empty otherwise. */
  excerpt: z.string(),
  /** Where the thing is read, a path of the site. */
  url: z.string(),
  author: PersonRefSchema.nullable(),
  /** A post hidden pending review (by the threshold) or by a moderator. */
  hidden: z.boolean(),
  count: z.number().int().positive(),
  reasons: z.array(FlagReasonSchema),
  flags: z.array(QueueFlagSchema),
  firstFlaggedAt: IsoDateTimeSchema,
});
export type ModerationItem = z.infer<typeof ModerationItemSchema>;

/** `GET /api/spaces/:slug/moderation` (animateur·ices, admins), `GET /api/admin/moderation` (admins). */
export const ModerationQueueSchema = z.object({ items: z.array(ModerationItemSchema) });
export type ModerationQueue = z.infer<typeof ModerationQueueSchema>;

/** `PUT|DELETE /api/users/:id/block` → whether the person is now blocked. */
export const BlockStateSchema = z.object({ userId: IdSchema, blocked: z.boolean() });
export type BlockState = z.infer<typeof BlockStateSchema>;

/** `GET /api/me/blocks` → the people one blocked. */
export const BlockListSchema = z.object({
  items: z.array(PersonRefSchema.extend({ blockedAt: IsoDateTimeSchema })),
});
export type BlockList = z.infer<typeof BlockListSchema>;
