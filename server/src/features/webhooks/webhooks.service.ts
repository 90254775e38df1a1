import { randomUUID } from 'node:crypto';
import {
  WEBHOOK_EVENTS,
  WEBHOOK_LOG_SIZE,
  WEBHOOKS_PER_SPACE_MAX,
  type Webhook,
  type WebhookCreate,
  type WebhookCreated,
  type WebhookDelivery,
  type WebhookEventType,
  type WebhookUpdate,
} from '@atelier/contract';
import { newSecret } from '../../core/secrets';
import type { Db } from '../../db/database';
import { AppError, unauthenticated } from '../../errors';
import type { Jobs } from '../../plugins/jobs';
import type { Actor } from '../../policy/policy';
import { loadManagedSpace, loadManagedWebhook } from './webhooks.access';
import { payloadOf, toDelivery, toWebhook, type WebhookEvent } from './webhooks.content';
import type { WebhooksDeps } from './webhooks.deps';
import {
  countWebhooks,
  deleteWebhook,
  findWebhookTargets,
  insertDeliveries,
  insertWebhook,
  listDeliveries,
  listWebhooks,
  updateWebhook,
} from './webhooks.queries';

declare module '../../plugins/jobs' {
  interface JobPayloads {
    /** One event to one webhook: the delivery row holds the body; retried with backoff. */
    'webhooks.deliver': { deliveryId: string };
  }
}

// ── The hook: where other features announce what happened in a space ──

/**
 * The job queue and the site's address, installed by the webhooks routes when the app is
 * built. The hook is called from deep inside other features' transactions — posting, saving
 * a version, counting seats (`publishSeats` has no dependencies to carry a queue) — so it
 * finds the queue here rather than through every caller's arguments. Without one (the seed,
 * services driven by unit tests) nothing is queued.
 */
let sink: { jobs: Pick<Jobs, 'enqueue'>; publicUrl: string; now: () => Date } | null = null;

export function installWebhookSink(next: typeof sink) {
  sink = next;
}

/**
 * Queues one delivery per switched-on webhook of the space that listens to the event, in the
 * caller's transaction: the deliveries exist if and only if the change commits. Costs one
 * indexed statement when the space has no such webhook, which is nearly always. `where` names
 * the space, or an event of it (registration counts, which only know their event).
 */
export async function queueWebhooks(trx: Db, where: { spaceId: string } | { eventId: string }, event: WebhookEvent) {
  if (!sink) return;
  const targets = await findWebhookTargets(trx, where, event.type);
  const [first] = targets;
  if (!first) return;
  const { jobs, publicUrl, now } = sink;
  const body = payloadOf({
    id: randomUUID(),
    event,
    space: { id: first.space_id, slug: first.space_slug },
    publicUrl,
    now: now(),
  });
  const rows = await insertDeliveries(
    trx,
    targets.map((target) => ({ webhookId: target.id, event: event.type, body })),
  );
  for (const row of rows) await jobs.enqueue(trx, 'webhooks.deliver', { deliveryId: row.id });
}

// ── Managing a space's webhooks (animateur·ices and admins) ──

const forbiddenUrl = (message: string) => new AppError('webhook_url_forbidden', message, { 'body.url': [message] });

/**
 * The form of the address, checked when it is saved: https (plain http only to this machine,
 * and only where the setting allows it), no credentials. Where it leads is checked at each
 * delivery, where it must be anyway: a name's addresses change.
 */
function checkUrl(raw: string, allowLoopback: boolean) {
  const url = new URL(raw);
  if (url.username || url.password) throw forbiddenUrl('the URL must not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && allowLoopback && loopback) return;
  throw forbiddenUrl('the URL must be https');
}

/** Each event once, in the contract's order, whatever order they were ticked in. */
const inListOrder = (events: readonly WebhookEventType[]) => WEBHOOK_EVENTS.filter((event) => events.includes(event));

/** `POST /spaces/:slug/webhooks`: the signing secret is in this answer only. */
export async function createWebhook(
  deps: Pick<WebhooksDeps, 'db' | 'allowLoopback'>,
  input: { actor: Actor; slug: string; body: WebhookCreate },
): Promise<WebhookCreated> {
  const space = await loadManagedSpace(deps.db, input.slug, input.actor);
  const createdBy = input.actor?.id;
  if (!createdBy) throw unauthenticated();
  checkUrl(input.body.url, deps.allowLoopback);
  const secret = `whsec_${newSecret()}`;
  const row = await deps.db.transaction().execute(async (trx) => {
    if ((await countWebhooks(trx, space.id)) >= WEBHOOKS_PER_SPACE_MAX) {
      throw new AppError('conflict', `a space has at most ${WEBHOOKS_PER_SPACE_MAX} webhooks`);
    }
    return insertWebhook(trx, {
      spaceId: space.id,
      createdBy,
      url: input.body.url,
      events: inListOrder(input.body.events),
      secret,
    });
  });
  return { webhook: toWebhook(row), secret };
}

export async function listSpaceWebhooks(
  deps: Pick<WebhooksDeps, 'db'>,
  input: { actor: Actor; slug: string },
): Promise<{ items: Webhook[] }> {
  const space = await loadManagedSpace(deps.db, input.slug, input.actor);
  return { items: (await listWebhooks(deps.db, space.id)).map(toWebhook) };
}

export async function changeWebhook(
  deps: Pick<WebhooksDeps, 'db'>,
  input: { actor: Actor; slug: string; id: string; body: WebhookUpdate },
): Promise<{ webhook: Webhook }> {
  const { webhook } = await loadManagedWebhook(deps.db, input.slug, input.id, input.actor);
  const events = input.body.events ? inListOrder(input.body.events) : undefined;
  const row = await updateWebhook(deps.db, webhook.id, {
    ...(input.body.enabled === undefined ? {} : { enabled: input.body.enabled }),
    ...(events ? { events } : {}),
  });
  return { webhook: toWebhook(row) };
}

/** Deliveries still queued go with it: their jobs find nothing and end. */
export async function removeWebhook(deps: Pick<WebhooksDeps, 'db'>, input: { actor: Actor; slug: string; id: string }) {
  const { webhook } = await loadManagedWebhook(deps.db, input.slug, input.id, input.actor);
  await deleteWebhook(deps.db, webhook.id);
}

export async function webhookLog(
  deps: Pick<WebhooksDeps, 'db'>,
  input: { actor: Actor; slug: string; id: string },
): Promise<{ items: WebhookDelivery[] }> {
  const { webhook } = await loadManagedWebhook(deps.db, input.slug, input.id, input.actor);
  return { items: (await listDeliveries(deps.db, webhook.id, WEBHOOK_LOG_SIZE)).map(toDelivery) };
}
