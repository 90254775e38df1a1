import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common';

// ── Web Push (`/api/push/public-key`, `/api/me/push-subscriptions`) ──

/** `GET /api/push/public-key`: the server's VAPID public key, the `applicationServerKey` to subscribe with. */
export const PushPublicKeySchema = z.object({ key: z.string() });
export type PushPublicKey = z.infer<typeof PushPublicKeySchema>;

/** Longest endpoint accepted: push services give URLs of a few hundred characters. */
export const PUSH_ENDPOINT_MAX_CHARS = 2048;
/** How many devices a person may have; subscribing one more drops the oldest. */
export const PUSH_DEVICES_MAX = 10;

/** Unpadded (or padded) base64url of exactly `bytes` bytes. */
const base64Url = (bytes: number) => {
  const chars = Math.ceil((bytes * 4) / 3);
  const padding = (3 - (bytes % 3)) % 3;
  return z
    .string()
    .regex(new RegExp(`^[A-Za-z0-9_-]{${chars}}={0,${padding}}$`), `base64url of ${bytes} bytes expected`);
};

/**
 * `POST /api/me/push-subscriptions`: what `PushSubscription.toJSON()` gives, minus
 * `expirationTime`. The server also requires https (plain http only to a loopback address,
 * outside production) and a valid P-256 point.
 */
export const PushSubscriptionCreateSchema = z.object({
  /** The push service's URL for this browser: capability URL, never shown back. */
  endpoint: z.url({ protocol: /^https?$/ }).max(PUSH_ENDPOINT_MAX_CHARS),
  keys: z.object({
    /** The browser's P-256 ECDH public key, uncompressed (65 bytes). */
    p256dh: base64Url(65),
    /** The 16-byte authentication secret of RFC 8291. */
    auth: base64Url(16),
  }),
  expirationTime: z.number().nullable().optional(),
});
export type PushSubscriptionCreate = z.infer<typeof PushSubscriptionCreateSchema>;

/** One device that receives one's notifications. */
export const PushSubscriptionSchema = z.object({
  id: IdSchema,
  createdAt: IsoDateTimeSchema,
  /** The browser that subscribed, as it named itself; absent when it did not. */
  userAgent: z.string().optional(),
});
export type PushSubscription = z.infer<typeof PushSubscriptionSchema>;

export const PushSubscriptionCreatedSchema = z.object({ subscription: PushSubscriptionSchema });
/** `GET /api/me/push-subscriptions`: one's devices, newest first. */
export const PushSubscriptionListSchema = z.object({ items: z.array(PushSubscriptionSchema) });
export type PushSubscriptionList = z.infer<typeof PushSubscriptionListSchema>;

/**
 * What a push carries (encrypted, RFC 8291), written in the person's language; the service
 * worker shows `title` and `body` and opens `url`, a path of this site, on a click.
 */
export const PushMessageSchema = z.object({
  title: z.string().max(120),
  body: z.string().max(300),
  url: z.string().startsWith('/').max(500),
});
export type PushMessage = z.infer<typeof PushMessageSchema>;
