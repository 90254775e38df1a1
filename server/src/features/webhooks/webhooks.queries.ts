import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { WebhookDeliveryStatus } from '../../db/schema';

const WEBHOOK_COLUMNS = [
  'id',
  'space_id',
  'created_by',
  'url',
  'events',
  'enabled',
  'disabled_reason',
  'failure_count',
  'created_at',
] as const;

// ── Webhooks ──

export async function insertWebhook(
  db: Db,
  input: { spaceId: string; createdBy: string; url: string; events: string[]; secret: string },
) {
  return db
    .insertInto('webhooks')
    .values({
      space_id: input.spaceId,
      created_by: input.createdBy,
      url: input.url,
      events: input.events,
      secret: input.secret,
    })
    .returning(WEBHOOK_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function countWebhooks(db: Db, spaceId: string): Promise<number> {
  const row = await db
    .selectFrom('webhooks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('space_id', '=', spaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listWebhooks(db: Db, spaceId: string) {
  return db
    .selectFrom('webhooks')
    .select(WEBHOOK_COLUMNS)
    .where('space_id', '=', spaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** A webhook of this space (an id of another space's reads as unknown). */
export async function findSpaceWebhook(db: Db, spaceId: string, id: string) {
  return db
    .selectFrom('webhooks')
    .select(WEBHOOK_COLUMNS)
    .where('id', '=', id)
    .where('space_id', '=', spaceId)
    .executeTakeFirst();
}

/** Switching a webhook on again starts its failure count afresh. */
export async function updateWebhook(db: Db, id: string, change: { enabled?: boolean; events?: string[] }) {
  return db
    .updateTable('webhooks')
    .set({
      ...(change.events ? { events: change.events } : {}),
      ...(change.enabled === undefined
        ? {}
        : { enabled: change.enabled, disabled_reason: null, ...(change.enabled ? { failure_count: 0 } : {}) }),
    })
    .where('id', '=', id)
    .returning(WEBHOOK_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function deleteWebhook(db: Db, id: string) {
  await db.deleteFrom('webhooks').where('id', '=', id).execute();
}

// ── Fan-out, in the transaction of the change ──

/**
 * The space's switched-on webhooks that listen to `type`, with the space's slug (for links):
 * by the space, or by an event of the space. One indexed statement, whatever happens next.
 */
export async function findWebhookTargets(db: Db, where: { spaceId: string } | { eventId: string }, type: string) {
  let query = db
    .selectFrom('webhooks')
    .innerJoin('spaces', 'spaces.id', 'webhooks.space_id')
    .select(['webhooks.id', 'spaces.id as space_id', 'spaces.slug as space_slug'])
    .where('webhooks.enabled', '=', true)
    .where(sql<boolean>`${type} = any(webhooks.events)`);
  query =
    'spaceId' in where
      ? query.where('webhooks.space_id', '=', where.spaceId)
      : query.where('webhooks.space_id', '=', (eb) =>
          eb.selectFrom('events').select('events.space_id').where('events.id', '=', where.eventId),
        );
  return query.execute();
}

export async function insertDeliveries(db: Db, rows: Array<{ webhookId: string; event: string; body: string }>) {
  if (rows.length === 0) return [];
  return db
    .insertInto('webhook_deliveries')
    .values(rows.map((row) => ({ webhook_id: row.webhookId, event: row.event, body: row.body })))
    .returning(['id', 'webhook_id'])
    .execute();
}

// ── Delivery ──

/** A delivery with what sending it takes: its webhook's address, secret and state. */
export async function findDeliveryToSend(db: Db, id: string) {
  return db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
    .select([
      'webhook_deliveries.id',
      'webhook_deliveries.event',
      'webhook_deliveries.body',
      'webhook_deliveries.status',
      'webhook_deliveries.attempts',
      'webhooks.id as webhook_id',
      'webhooks.url',
      'webhooks.secret',
      'webhooks.enabled',
    ])
    .where('webhook_deliveries.id', '=', id)
    .executeTakeFirst();
}

/**
 * Writes an attempt's outcome. A finished delivery (anything but `pending`) drops its body:
 * the log keeps how it went, not what it said.
 */
export async function recordAttempt(
  db: Db,
  id: string,
  outcome: {
    status: WebhookDeliveryStatus;
    statusCode: number | null;
    durationMs: number | null;
    error: string | null;
  },
) {
  const finished = outcome.status !== 'pending';
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: outcome.status,
      attempts: eb('attempts', '+', 1),
      status_code: outcome.statusCode,
      duration_ms: outcome.durationMs,
      error: outcome.error,
      ...(finished ? { finished_at: new Date(), body: null } : {}),
    }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function resetFailures(db: Db, webhookId: string) {
  await db
    .updateTable('webhooks')
    .set({ failure_count: 0 })
    .where('id', '=', webhookId)
    .where('failure_count', '>', 0)
    .execute();
}

/**
 * Counts one more failed delivery; at `disableAfter` the webhook is switched off. Returns the
 * row when this very failure switched it off (exactly one caller sees that), else undefined.
 */
export async function countFailure(db: Db, webhookId: string, disableAfter: number, reason: string) {
  const row = await db
    .updateTable('webhooks')
    .set((eb) => ({
      failure_count: eb('failure_count', '+', 1),
      enabled: sql<boolean>`case when failure_count + 1 >= ${disableAfter} then false else enabled end`,
      disabled_reason: sql<
        string | null
      >`case when enabled and failure_count + 1 >= ${disableAfter} then ${reason} else disabled_reason end`,
    }))
    .where('id', '=', webhookId)
    .returning(['id', 'space_id', 'created_by', 'url', 'failure_count', 'enabled'])
    .executeTakeFirst();
  return row && !row.enabled && row.failure_count === disableAfter ? row : undefined;
}

/** Keeps the newest `keep` deliveries of a webhook: the log, not an archive. */
export async function pruneDeliveries(db: Db, webhookId: string, keep: number) {
  await db
    .deleteFrom('webhook_deliveries')
    .where('webhook_id', '=', webhookId)
    .where(
      'id',
      'not in',
      db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('webhook_id', '=', webhookId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(keep),
    )
    .execute();
}

export async function listDeliveries(db: Db, webhookId: string, limit: number) {
  return db
    .selectFrom('webhook_deliveries')
    .select(['id', 'event', 'status', 'attempts', 'status_code', 'duration_ms', 'error', 'created_at', 'finished_at'])
    .where('webhook_id', '=', webhookId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Whom to tell that a webhook was switched off: the person who added it, if still there. */
export async function findWebhookOwner(db: Db, userId: string, spaceId: string) {
  return db
    .selectFrom('users')
    .innerJoin('spaces', (join) => join.on('spaces.id', '=', spaceId))
    .select(['users.id', 'users.email', 'users.display_name', 'users.locale', 'spaces.slug', 'spaces.title'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

/** For the person's data export: the webhooks they added (never a secret). */
export const webhooksAddedBy = (db: Db, userId: string) =>
  db
    .selectFrom('webhooks')
    .innerJoin('spaces', 'spaces.id', 'webhooks.space_id')
    .select(['spaces.slug as space', 'webhooks.url', 'webhooks.events', 'webhooks.enabled', 'webhooks.created_at'])
    .where('webhooks.created_by', '=', userId)
    .orderBy('webhooks.created_at')
    .execute();
