import webpush from 'web-push';
import type { VapidKeys } from './vapid';

/** What the push service said, as the delivery job acts on it. */
export type PushOutcome =
  /** Accepted (201): the service will deliver it when the device is reachable. */
  | { kind: 'delivered'; status: number }
  /** 404 / 410: the browser unsubscribed or the subscription expired; drop it. */
  | { kind: 'gone'; status: number }
  /** Busy or down (429, 5xx, no answer): try again later. */
  | { kind: 'retry'; status: number | null; reason: string }
  /** Refused for good (bad request, wrong key, too large, a redirect): retrying would not help. */
  | { kind: 'refused'; status: number; reason: string };

export interface PushRequest {
  subscription: { endpoint: string; p256dh: string; auth: string };
  payload: string;
  vapid: VapidKeys & { subject: string };
  /** How long the push service keeps the message for an unreachable device. */
  ttlSeconds: number;
  urgency: 'low' | 'normal' | 'high';
  timeoutMs?: number;
}

/**
 * One push: `web-push` encrypts the payload (RFC 8291, aes128gcm) and signs the VAPID JWT
 * (RFC 8292); the request itself goes through `fetch`, so that it has a deadline, follows no
 * redirect, reads no answer body, and also reaches a stand-in service over plain http in tests
 * (web-push's own sender speaks https only).
 */
export async function sendPushRequest(request: PushRequest): Promise<PushOutcome> {
  const details = webpush.generateRequestDetails(
    {
      endpoint: request.subscription.endpoint,
      keys: { p256dh: request.subscription.p256dh, auth: request.subscription.auth },
    },
    request.payload,
    {
      vapidDetails: {
        subject: request.vapid.subject,
        publicKey: request.vapid.publicKey,
        privateKey: request.vapid.privateKey,
      },
      TTL: request.ttlSeconds,
      urgency: request.urgency,
      contentEncoding: 'aes128gcm',
    },
  );
  const headers = Object.fromEntries(
    Object.entries(details.headers as Record<string, string | number>).map(([name, value]) => [name, String(value)]),
  );
  let response: Response;
  try {
    response = await fetch(details.endpoint, {
      method: 'POST',
      headers,
      body: details.body ?? undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs ?? 10_000),
    });
  } catch (error) {
    return { kind: 'retry', status: null, reason: error instanceof Error ? error.message : String(error) };
  }
  await response.body?.cancel().catch(() => undefined);
  const { status } = response;
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 404 || status === 410) return { kind: 'gone', status };
  if (status === 429 || status >= 500) return { kind: 'retry', status, reason: `push service answered ${status}` };
  return { kind: 'refused', status, reason: `push service answered ${status}` };
}
