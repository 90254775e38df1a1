import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A conversation of 2 to 10 people. `direct`: started between two people, found again when
  // one writes to the other. `message_count` is the last message's number, taken under the
  // row's lock, as threads number their posts.
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('direct', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Who is in it, their read position and how far their message mails went (numbers).
  await db.schema
    .createTable('conversation_participants')
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('last_read_number', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mailed_number', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('conversation_participants_pkey', ['conversation_id', 'user_id'])
    .execute();
  await sql`create index conversation_participants_user_idx on conversation_participants (user_id)`.execute(db);

  await db.schema
    .createTable('messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    // Erasure moves a person's messages to the « ancien·ne membre » account, as posts.
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('edited_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addUniqueConstraint('messages_number_unique', ['conversation_id', 'number'])
    .execute();
  await sql`create index messages_author_idx on messages (author_id)`.execute(db);

  // Who may start a conversation with the person, and how they hear of new messages by mail.
  await db.schema
    .createTable('message_settings')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('accept_from', 'text', (c) =>
      c.notNull().defaultTo('everyone').check(sql`accept_from in ('everyone', 'spaces', 'nobody')`),
    )
    .addColumn('mail', 'text', (c) => c.notNull().defaultTo('each').check(sql`mail in ('each', 'daily', 'off')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A message can be reported to the admins' moderation queue.
  await sql`alter table flags drop constraint flags_target_type_check`.execute(db);
  await sql`alter table flags add constraint flags_target_type_check
    check (target_type in ('post', 'document', 'file', 'message'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from flags where target_type = 'message'`.execute(db);
  await sql`alter table flags drop constraint flags_target_type_check`.execute(db);
  await sql`alter table flags add constraint flags_target_type_check
    check (target_type in ('post', 'document', 'file'))`.execute(db);
  await db.schema.dropTable('message_settings').execute();
  await db.schema.dropTable('messages').execute();
  await db.schema.dropTable('conversation_participants').execute();
  await db.schema.dropTable('conversations').execute();
}
