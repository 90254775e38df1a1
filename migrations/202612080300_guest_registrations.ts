import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A guest is a person known by a confirmed address and a name only: no password, no charter,
  // no session, no membership. They hold seats like anyone (mails, reminders, waitlist, cancel
  // link); creating an account with that address turns the row into a full account.
  await db.schema
    .alterTable('users')
    .addColumn('is_guest', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  // Whether a public space's events take guests (alliance-wide events always do).
  await db.schema
    .alterTable('spaces')
    .addColumn('guest_registration', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  // A guest's request, until the mailed link confirms it: single use, short-lived.
  await db.schema
    .createTable('guest_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('answers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index guest_requests_email_idx on guest_requests (lower(email), created_at)`.execute(db);
  await db.schema.createIndex('guest_requests_event_idx').on('guest_requests').column('event_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('guest_requests').execute();
  await db.schema.alterTable('spaces').dropColumn('guest_registration').execute();
  await db.schema.alterTable('users').dropColumn('is_guest').execute();
}
