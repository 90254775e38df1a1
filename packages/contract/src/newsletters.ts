import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, lineText, paginated } from './common';
import { PersonRefSchema } from './spaces';

/**
 * Infolettres: a space's newsletters. Its animateur·ices (and admins) write a draft, then send
 * it once to the space's active members who did not opt out of that space's infolettres; the
 * sent issues make the space's archive, readable as the space is. Bodies travel as HTML and
 * come back sanitized (the posts' safe subset: p, br, strong, em, ul, ol, li, a[href],
 * blockquote, code, pre), links made absolute, which is what clients display and mails carry.
 */

/** Most characters of HTML a body may carry before sanitising; more → 413 `post_too_large`. */
export const NEWSLETTER_BODY_MAX_CHARS = 100_000;
/** Longest subject, after trimming; more → 400 `invalid_input`. */
export const NEWSLETTER_SUBJECT_MAX_CHARS = 200;

/** `draft` until sent; `sending` while the mails are written; `sent` once everyone's is queued. */
export const NewsletterStatusSchema = z.enum(['draft', 'sending', 'sent']);
export type NewsletterStatus = z.infer<typeof NewsletterStatusSchema>;

const NewsletterFieldsSchema = z.object({
  id: IdSchema,
  spaceId: IdSchema,
  subject: z.string(),
  status: NewsletterStatusSchema,
  author: PersonRefSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  /** When the mails were all queued; null before. */
  sentAt: IsoDateTimeSchema.nullable(),
  /**
   * A draft: who would receive it if it were sent now. Sending: who it was being mailed to when
   * sending began. Sent: how many people it was mailed to.
   */
  recipientCount: z.number().int().nonnegative(),
});

/** One issue of the archive (`GET /api/spaces/:slug/newsletters`). */
export const NewsletterSummarySchema = NewsletterFieldsSchema.extend({
  /** The first words of the body, as plain text. */
  excerpt: z.string(),
});
export type NewsletterSummary = z.infer<typeof NewsletterSummarySchema>;

export const NewsletterSchema = NewsletterFieldsSchema.extend({
  /** Sanitized HTML, safe to display: what recipients read. */
  body: z.string(),
  /**
   * Per-issue delivery counts, from the outbox rows of its mails, for those who manage the
   * space (null for other readers): delivered (or kept, without SMTP) and failed for good.
   */
  sentCount: z.number().int().nonnegative().nullable(),
  failedCount: z.number().int().nonnegative().nullable(),
  /** The caller may edit, send or delete it (animateur·ices of the space, admins). */
  canManage: z.boolean(),
});
export type Newsletter = z.infer<typeof NewsletterSchema>;
export const NewsletterEnvelopeSchema = z.object({ newsletter: NewsletterSchema });

/**
 * `GET /api/spaces/:slug/newsletters?cursor&limit` → the archive, newest first: sent (and
 * sending) issues for whoever may read the space, and, first, the drafts for those who manage it.
 */
export const NewsletterListSchema = paginated(NewsletterSummarySchema).extend({
  /** The caller may write and send infolettres here. */
  canManage: z.boolean(),
  /** For those who manage the space: who an issue sent now would reach; null for others. */
  recipientCount: z.number().int().nonnegative().nullable(),
  /** For an active member: whether they receive this space's infolettres; null for others. */
  subscribed: z.boolean().nullable(),
});
export type NewsletterList = z.infer<typeof NewsletterListSchema>;

const newsletterBody = z.string().max(1_000_000);

/** `POST /api/spaces/:slug/newsletters` → 201 `{ newsletter }` (a draft); accepts Idempotency-Key. */
export const NewsletterCreateBodySchema = z.strictObject({
  subject: lineText(NEWSLETTER_SUBJECT_MAX_CHARS),
  /** HTML; sanitized. Empty after sanitising → 400 `post_empty`; too long → 413 `post_too_large`. */
  body: newsletterBody,
});
export type NewsletterCreateBody = z.infer<typeof NewsletterCreateBodySchema>;

/** `PATCH /api/newsletters/:id` → `{ newsletter }`; drafts only (sending or sent → 409 `conflict`). */
export const NewsletterUpdateBodySchema = z.strictObject({
  subject: lineText(NEWSLETTER_SUBJECT_MAX_CHARS).optional(),
  body: newsletterBody.optional(),
});
export type NewsletterUpdateBody = z.infer<typeof NewsletterUpdateBodySchema>;

/**
 * `POST /api/newsletters/:id/send` → 202: the issue is `sending`, its mails are being written
 * by a job; `recipients` is how many people it goes to. A second send → 409 `conflict`.
 */
export const NewsletterSendResultSchema = z.object({
  recipients: z.number().int().nonnegative(),
  newsletter: NewsletterSchema,
});
export type NewsletterSendResult = z.infer<typeof NewsletterSendResultSchema>;

/**
 * `PUT /api/spaces/:slug/newsletters/subscription` `{ subscribed }` → the same: an active member
 * receives the space's infolettres or not (the mails' unsubscribe link does the same).
 */
export const NewsletterSubscriptionSchema = z.strictObject({ subscribed: z.boolean() });
export type NewsletterSubscription = z.infer<typeof NewsletterSubscriptionSchema>;
