import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per browser that accepted notifications. The endpoint is the push service's URL
  // for that browser: unique, so a browser handed to someone else (sign-out, sign-in) moves
  // to its new person instead of telling both.
  await db.schema
    .createTable('push_subscriptions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('endpoint', 'text', (c) => c.notNull().unique().check(sql`char_length(endpoint) <= 2048`))
    .addColumn('p256dh', 'text', (c) => c.notNull().check(sql`char_length(p256dh) <= 100`))
    .addColumn('auth', 'text', (c) => c.notNull().check(sql`char_length(auth) <= 40`))
    .addColumn('user_agent', 'text', (c) => c.check(sql`char_length(user_agent) <= 300`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('push_subscriptions_user_idx')
    .on('push_subscriptions')
    .columns(['user_id', 'created_at'])
    .execute();

  // The VAPID key pair when the configuration gives none: made once by whichever process asks
  // first, so that every process signs with the same key the browsers subscribed with.
  await db.schema
    .createTable('push_vapid_keys')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // What push jobs have done, by a key (a job's id, an event's start): a job run twice (at
  // least once delivery) finds its key and sends nothing again. Kept a few days.
  await db.schema
    .createTable('push_claims')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('push_claims_created_idx').on('push_claims').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['push_claims', 'push_vapid_keys', 'push_subscriptions']) {
    await db.schema.dropTable(table).execute();
  }
}
