import { createECDH } from 'node:crypto';
import { isIP } from 'node:net';
import {
  PUSH_DEVICES_MAX,
  type PushSubscription,
  type PushSubscriptionCreate,
  type PushSubscriptionList,
} from '@atelier/contract';
import { isUuid } from '../../core/ids';
import { AppError, notFound, unauthenticated } from '../../errors';
import type { Actor } from '../../policy/policy';
import type { PushDeps } from './push.deps';
import { deleteOwnSubscription, listSubscriptions, pruneOldestSubscriptions, upsertSubscription } from './push.queries';

/** A browser names itself in a few hundred characters at most; more is cut. */
const USER_AGENT_MAX = 300;

const invalid = (field: string, message: string) =>
  new AppError('invalid_input', message, { [`body.${field}`]: [message] });

const isLoopback = (host: string) => {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
};

/**
 * Where the server will send requests on the person's behalf, so it is checked as such: https
 * to a host name (push services have one), never an address, never credentials in the URL —
 * anything else could aim the server at the internal network. Outside production, plain http
 * to this machine is let through for tests standing in for a push service.
 */
export function checkEndpoint(endpoint: string, allowLoopback: boolean): void {
  const url = new URL(endpoint);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.username || url.password) throw invalid('endpoint', 'the endpoint must not carry credentials');
  if (allowLoopback && isLoopback(host)) return;
  if (url.protocol !== 'https:') throw invalid('endpoint', 'the endpoint must be an https URL');
  if (isIP(host) !== 0 || host === 'localhost' || !host.includes('.')) {
    throw invalid('endpoint', 'the endpoint must name a push service by its host name');
  }
}

/** A point on P-256, as the browser's `p256dh` must be; ECDH with it is what encryption does. */
function checkBrowserKey(p256dh: string) {
  try {
    const probe = createECDH('prime256v1');
    probe.generateKeys();
    probe.computeSecret(Buffer.from(p256dh, 'base64url'));
  } catch {
    throw invalid('keys.p256dh', 'p256dh is not a P-256 public key');
  }
}

export const toSubscription = (row: { id: string; created_at: Date; user_agent: string | null }): PushSubscription => ({
  id: row.id,
  createdAt: new Date(row.created_at).toISOString(),
  ...(row.user_agent ? { userAgent: row.user_agent } : {}),
});

/**
 * `POST /api/me/push-subscriptions`: this browser receives the person's notifications. Sent
 * again by the same browser, it updates the keys and keeps the device; beyond
 * PUSH_DEVICES_MAX devices, the oldest go.
 */
export async function subscribe(
  deps: Pick<PushDeps, 'db' | 'allowLoopback'>,
  input: { actor: Actor; body: PushSubscriptionCreate; userAgent: string | undefined },
): Promise<{ subscription: PushSubscription }> {
  if (!input.actor) throw unauthenticated();
  const userId = input.actor.id;
  checkEndpoint(input.body.endpoint, deps.allowLoopback);
  checkBrowserKey(input.body.keys.p256dh);
  const userAgent = input.userAgent?.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, USER_AGENT_MAX) || null;
  const row = await deps.db.transaction().execute(async (trx) => {
    const saved = await upsertSubscription(trx, {
      userId,
      endpoint: input.body.endpoint,
      p256dh: input.body.keys.p256dh.replace(/=+$/, ''),
      auth: input.body.keys.auth.replace(/=+$/, ''),
      userAgent,
    });
    await pruneOldestSubscriptions(trx, userId, PUSH_DEVICES_MAX);
    return saved;
  });
  return { subscription: toSubscription(row) };
}

export async function listDevices(deps: Pick<PushDeps, 'db'>, actor: Actor): Promise<PushSubscriptionList> {
  if (!actor) throw unauthenticated();
  return { items: (await listSubscriptions(deps.db, actor.id)).map(toSubscription) };
}

/** One's own device only: anyone else's id reads as unknown. */
export async function removeDevice(deps: Pick<PushDeps, 'db'>, input: { actor: Actor; id: string }) {
  if (!input.actor) throw unauthenticated();
  if (!isUuid(input.id) || !(await deleteOwnSubscription(deps.db, input.actor.id, input.id))) {
    throw notFound('push subscription');
  }
}
