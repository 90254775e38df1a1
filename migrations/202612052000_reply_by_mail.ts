import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The addresses mails about posts carry in Reply-To (reply+TOKEN@domain): a random token,
  // stored as its hash, naming the person, the thread and the post their answer replies to.
  // A reply address lives 30 days; expired rows stay a while so that a late answer is told why.
  await db.schema
    .createTable('reply_addresses')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('thread_id', 'uuid', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('post_id', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reply_addresses_expires').on('reply_addresses').column('expires_at').execute();

  // Mail received at a reply address, kept until its job has decided: one row per (address,
  // Message-ID), so that the same message delivered twice is handled once. The body goes once
  // decided; the row stays a while for that uniqueness and for the record of what happened.
  await db.schema
    .createTable('inbound_replies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('message_key', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('received').check(sql`status in ('received', 'posted', 'refused', 'dropped')`),
    )
    .addColumn('outcome', 'text')
    .addColumn('post_id', 'uuid', (c) => c.references('posts.id').onDelete('set null'))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_at', 'timestamptz')
    .addUniqueConstraint('inbound_replies_message', ['token_hash', 'message_key'])
    .execute();
  await db.schema.createIndex('inbound_replies_received').on('inbound_replies').column('received_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('inbound_replies').execute();
  await db.schema.dropTable('reply_addresses').execute();
}
