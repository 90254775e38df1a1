import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, SpaceSlugSchema } from './common';

// ── Space webhooks (`/api/spaces/:slug/webhooks`) ──

/**
 * What a webhook may hear of, named as the realtime events where one exists. Payloads are
 * plain data that every reader of the space may see (never a visio link, who registered, or
 * answers to registration questions).
 */
export const WEBHOOK_EVENTS = [
  'thread.created',
  'post.created',
  'document.version_created',
  'registration.changed',
  'event.created',
] as const;
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENTS);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

/** How many webhooks one space may have. */
export const WEBHOOKS_PER_SPACE_MAX = 10;
/** How many deliveries of one webhook are kept for its log. */
export const WEBHOOK_LOG_SIZE = 50;

/** Header carrying `sha256=HEX`: HMAC-SHA256, with the webhook's secret, of `${timestamp}.${raw body}`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-atelier-signature';
/** Header carrying the delivery's Unix time in seconds, signed with the body. */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-atelier-timestamp';

export const WebhookCreateSchema = z.strictObject({
  /** Where deliveries are POSTed: https (a host name or a public address). */
  url: z.url({ protocol: /^https?$/ }).max(2000),
  events: z.array(WebhookEventTypeSchema).min(1).max(WEBHOOK_EVENTS.length),
});
export type WebhookCreate = z.infer<typeof WebhookCreateSchema>;

/** `PATCH …/webhooks/:id`: switch on again (after too many failures) or off, change the events. */
export const WebhookUpdateSchema = z.strictObject({
  enabled: z.boolean().optional(),
  events: z.array(WebhookEventTypeSchema).min(1).max(WEBHOOK_EVENTS.length).optional(),
});
export type WebhookUpdate = z.infer<typeof WebhookUpdateSchema>;

export const WebhookSchema = z.object({
  id: IdSchema,
  url: z.string(),
  events: z.array(WebhookEventTypeSchema),
  enabled: z.boolean(),
  /** Set when it was switched off after repeated failed deliveries. */
  disabledReason: z.string().nullable(),
  /** Failed deliveries since the last one that succeeded. */
  failureCount: z.number().int().nonnegative(),
  createdAt: IsoDateTimeSchema,
});
export type Webhook = z.infer<typeof WebhookSchema>;

/** `POST /api/spaces/:slug/webhooks` → 201: the signing secret, shown this once. */
export const WebhookCreatedSchema = z.object({ webhook: WebhookSchema, secret: z.string() });
export type WebhookCreated = z.infer<typeof WebhookCreatedSchema>;

export const WebhookEnvelopeSchema = z.object({ webhook: WebhookSchema });
export const WebhookListSchema = z.object({ items: z.array(WebhookSchema) });
export type WebhookList = z.infer<typeof WebhookListSchema>;

export const WebhookDeliveryStatusSchema = z.enum(['pending', 'delivered', 'failed', 'refused', 'skipped']);

/** One delivery in a webhook's log: its last attempt's outcome. */
export const WebhookDeliverySchema = z.object({
  id: IdSchema,
  event: WebhookEventTypeSchema,
  status: WebhookDeliveryStatusSchema,
  attempts: z.number().int().nonnegative(),
  /** The receiver's HTTP status, null when no answer came. */
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
  finishedAt: IsoDateTimeSchema.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

/** `GET …/webhooks/:id/deliveries`: the last WEBHOOK_LOG_SIZE deliveries, newest first. */
export const WebhookDeliveryListSchema = z.object({ items: z.array(WebhookDeliverySchema) });

export const WebhookParamsSchema = z.object({ slug: SpaceSlugSchema, id: IdSchema });

const Person = z.object({ id: IdSchema, displayName: z.string() });

/** The `data` of each event, as delivered. `url` is the page on this site. */
export const WebhookDataSchemas = {
  'thread.created': z.object({
    thread: z.object({
      id: IdSchema,
      title: z.string(),
      author: Person,
      createdAt: IsoDateTimeSchema,
      url: z.string(),
    }),
  }),
  'post.created': z.object({
    post: z.object({
      id: IdSchema,
      threadId: IdSchema,
      author: Person,
      /** Sanitized HTML, as readers of the thread see it. */
      body: z.string(),
      createdAt: IsoDateTimeSchema,
      url: z.string(),
    }),
  }),
  'document.version_created': z.object({
    document: z.object({ id: IdSchema, title: z.string(), url: z.string() }),
    version: z.object({ id: IdSchema, name: z.string().nullable(), createdAt: IsoDateTimeSchema }),
  }),
  'registration.changed': z.object({
    eventId: IdSchema,
    registeredCount: z.number().int().nonnegative(),
    waitlistCount: z.number().int().nonnegative(),
  }),
  'event.created': z.object({
    event: z.object({
      id: IdSchema,
      title: z.string(),
      startsAt: IsoDateTimeSchema,
      endsAt: IsoDateTimeSchema,
      timezone: z.string(),
      url: z.string(),
    }),
  }),
} satisfies Record<WebhookEventType, z.ZodType>;
export type WebhookData<T extends WebhookEventType> = z.infer<(typeof WebhookDataSchemas)[T]>;

/** What a delivery's body holds: the same `id` on every retry, so that receivers can drop repeats. */
export const WebhookPayloadSchema = z.object({
  id: IdSchema,
  type: WebhookEventTypeSchema,
  createdAt: IsoDateTimeSchema,
  space: z.object({ id: IdSchema, slug: z.string() }),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;
