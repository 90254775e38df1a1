import { sql } from 'kysely';
import type { Db } from '../../db/database';

const SUBSCRIPTION_COLUMNS = ['id', 'user_id', 'endpoint', 'p256dh', 'auth', 'user_agent', 'created_at'] as const;

// ── VAPID keys ──

/** Keeps `keys` unless a pair is already stored; returns the stored pair either way. */
export async function storeVapidKeysOnce(db: Db, keys: { publicKey: string; privateKey: string }) {
  await db
    .insertInto('push_vapid_keys')
    .values({ id: 1, public_key: keys.publicKey, private_key: keys.privateKey })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
  const row = await db
    .selectFrom('push_vapid_keys')
    .select(['public_key', 'private_key'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { publicKey: row.public_key, privateKey: row.private_key };
}

// ── Subscriptions ──

/**
 * One browser's subscription, by its endpoint: a browser already known gets its keys updated;
 * one that belonged to someone else moves to this person as a new device (new id and date),
 * so that the previous person hears nothing more through it.
 */
export async function upsertSubscription(
  db: Db,
  input: { userId: string; endpoint: string; p256dh: string; auth: string; userAgent: string | null },
) {
  return db
    .insertInto('push_subscriptions')
    .values({
      user_id: input.userId,
      endpoint: input.endpoint,
      p256dh: input.p256dh,
      auth: input.auth,
      user_agent: input.userAgent,
    })
    .onConflict((conflict) =>
      conflict.column('endpoint').doUpdateSet({
        id: sql`case when push_subscriptions.user_id = excluded.user_id then push_subscriptions.id else gen_random_uuid() end`,
        created_at: sql`case when push_subscriptions.user_id = excluded.user_id then push_subscriptions.created_at else now() end`,
        user_id: (eb) => eb.ref('excluded.user_id'),
        p256dh: (eb) => eb.ref('excluded.p256dh'),
        auth: (eb) => eb.ref('excluded.auth'),
        user_agent: (eb) => eb.ref('excluded.user_agent'),
      }),
    )
    .returning(SUBSCRIPTION_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Drops the person's devices beyond the `keep` newest. */
export async function pruneOldestSubscriptions(db: Db, userId: string, keep: number) {
  await db
    .deleteFrom('push_subscriptions')
    .where('user_id', '=', userId)
    .where(
      'id',
      'not in',
      db
        .selectFrom('push_subscriptions')
        .select('id')
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(keep),
    )
    .execute();
}

export async function listSubscriptions(db: Db, userId: string) {
  return db
    .selectFrom('push_subscriptions')
    .select(SUBSCRIPTION_COLUMNS)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function findSubscription(db: Db, id: string) {
  return db.selectFrom('push_subscriptions').select(SUBSCRIPTION_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function hasSubscription(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('push_subscriptions').select('id').where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/** One's own device only: true when it was there. */
export async function deleteOwnSubscription(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('push_subscriptions')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The push service said the subscription is gone: drop it, unless the browser renewed it meanwhile. */
export async function deleteExpiredSubscription(db: Db, id: string, endpoint: string) {
  await db.deleteFrom('push_subscriptions').where('id', '=', id).where('endpoint', '=', endpoint).execute();
}

// ── Claims: what a job has done ──

/** True the first time `key` is claimed; false when a previous run already did the work. */
export async function claim(db: Db, key: string): Promise<boolean> {
  const row = await db
    .insertInto('push_claims')
    .values({ key })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

export async function pruneClaims(db: Db, olderThan: Date) {
  await db.deleteFrom('push_claims').where('created_at', '<', olderThan).execute();
}

// ── What a push says ──

export async function localeOf(db: Db, userId: string) {
  const row = await db.selectFrom('users').select('locale').where('id', '=', userId).executeTakeFirst();
  return row?.locale;
}

/** A post as its push names it: who wrote it, where. Undefined when the post is gone. */
export async function postPushFacts(db: Db, postId: string) {
  return db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('spaces', 'spaces.id', 'threads.space_id')
    .innerJoin('users', 'users.id', 'posts.author_id')
    .select([
      'posts.id as post_id',
      'threads.id as thread_id',
      'threads.title as thread_title',
      'spaces.slug as space_slug',
      'users.display_name as author_name',
    ])
    .where('posts.id', '=', postId)
    .where('posts.deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function eventPushFacts(db: Db, eventId: string) {
  return db
    .selectFrom('events')
    .select(['id', 'title', 'starts_at', 'ends_at', 'timezone', 'cancelled_at'])
    .where('id', '=', eventId)
    .executeTakeFirst();
}

export async function holdsSeat(db: Db, eventId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('registrations')
    .select('id')
    .where('event_id', '=', eventId)
    .where('user_id', '=', userId)
    .where('status', '=', 'registered')
    .executeTakeFirst();
  return row !== undefined;
}

/** The seat holders of an event who have at least one device: the others get no job at all. */
export async function seatHoldersWithDevices(db: Db, eventId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('registrations')
    .select('registrations.user_id')
    .where('registrations.event_id', '=', eventId)
    .where('registrations.status', '=', 'registered')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('push_subscriptions')
          .select('push_subscriptions.id')
          .whereRef('push_subscriptions.user_id', '=', 'registrations.user_id'),
      ),
    )
    .orderBy('registrations.user_id')
    .execute();
  return rows.map((row) => row.user_id);
}
