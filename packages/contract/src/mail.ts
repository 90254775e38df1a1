import { z } from 'zod';
import { FantasticRoleSchema } from './alliance';
import { IdSchema, IsoDateTimeSchema } from './common';

/** A message kept in the outbox, as the development mailbox lists it. */
export const OutboxMessageSchema = z.object({
  id: IdSchema,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  status: z.enum(['queued', 'sent', 'kept', 'failed']),
  /** Headers besides the usual ones, such as `List-Unsubscribe`. */
  headers: z.record(z.string(), z.string()),
  createdAt: IsoDateTimeSchema,
});
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;
export const OutboxListSchema = z.object({ items: z.array(OutboxMessageSchema) });

/** A person of the living demo, whom the development mailbox signs in with one click. */
export const DemoPersonSchema = z.object({
  id: IdSchema,
  displayName: z.string(),
  email: z.string(),
  organisationName: z.string().nullable(),
  fantasticRole: FantasticRoleSchema.nullable(),
  role: z.enum(['member', 'admin']),
});
export type DemoPerson = z.infer<typeof DemoPersonSchema>;
export const DemoPeopleSchema = z.object({ items: z.array(DemoPersonSchema) });

// ── Notification settings (`/api/me/notification-settings`) and unsubscribing ──

/** Mentions, replies and event reminders: a mail for each, or none. */
export const MailChoiceSchema = z.enum(['each', 'off']);
export type MailChoice = z.infer<typeof MailChoiceSchema>;
/** A space: a mail for each new message, a daily or weekly digest, or nothing. */
export const SpaceMailModeSchema = z.enum(['each', 'daily', 'weekly', 'off']);
export type SpaceMailMode = z.infer<typeof SpaceMailModeSchema>;

export const NotificationSettingsSchema = z.object({
  mentions: MailChoiceSchema,
  replies: MailChoiceSchema,
  /** The reminders of the events one holds a seat at (the day and the hour before). */
  reminders: MailChoiceSchema,
  /** Every space the person is an active member of, with its current mode (default or chosen). */
  spaces: z.array(
    z.object({
      spaceId: IdSchema,
      slug: z.string(),
      title: z.string(),
      mode: SpaceMailModeSchema,
      /** The space's infolettres are mailed to the person (false once they opted out). */
      newsletter: z.boolean(),
    }),
  ),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

/** `PUT /api/me/notification-settings`: what is given changes, the rest stays. */
export const NotificationSettingsUpdateSchema = z
  .object({
    mentions: MailChoiceSchema.optional(),
    replies: MailChoiceSchema.optional(),
    reminders: MailChoiceSchema.optional(),
  })
  .strict();
/** `PUT /api/me/notification-settings/spaces/:slug`. */
export const SpaceMailModeUpdateSchema = z.object({ mode: SpaceMailModeSchema }).strict();

/**
 * What an unsubscribe token names: the mentions or replies mails, the event reminders, one
 * space's mails, or one space's infolettres (`each`: received, `off`: opted out). A token is
 * signed for one person and one list; it never expires, so old mails keep working.
 */
export const MailListSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mentions') }),
  z.object({ kind: z.literal('replies') }),
  z.object({ kind: z.literal('reminders') }),
  /** Mail about new direct messages. */
  z.object({ kind: z.literal('messages') }),
  z.object({ kind: z.literal('space'), space: z.object({ slug: z.string(), title: z.string() }) }),
  z.object({ kind: z.literal('newsletter'), space: z.object({ slug: z.string(), title: z.string() }) }),
]);
export type MailList = z.infer<typeof MailListSchema>;

/**
 * `POST /api/unsubscribe/:token` (no session) → 200: the list is off. `previous` is what it was,
 * which `POST /api/unsubscribe/:token/undo` `{ mode }` puts back from the landing page.
 */
export const UnsubscribeResultSchema = z.object({
  list: MailListSchema,
  previous: SpaceMailModeSchema,
  current: SpaceMailModeSchema,
});
export type UnsubscribeResult = z.infer<typeof UnsubscribeResultSchema>;
export const UnsubscribeUndoSchema = z.object({ mode: SpaceMailModeSchema }).strict();
