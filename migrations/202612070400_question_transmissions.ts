import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The thread of a space that gathers the questions one event transmitted to it: opened by
  // the first transmission, reused by the next ones. Transmissions of one event take the
  // event row's lock, so the primary key only catches a bug, never a race.
  await db.schema
    .createTable('event_transmissions')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('space_id', 'uuid', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('thread_id', 'uuid', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('event_transmissions_pkey', ['event_id', 'space_id'])
    .execute();
  await db.schema.createIndex('event_transmissions_thread_idx').on('event_transmissions').column('thread_id').execute();

  // Each question's post in that thread, once per space: a transmission undone and made again
  // finds its post already written and says nothing twice. The post stays when the status
  // moves away from `transmitted` (it was said); the row keeps pointing at it.
  await db.schema
    .createTable('question_transmissions')
    .addColumn('question_id', 'uuid', (c) => c.notNull().references('questions.id').onDelete('cascade'))
    .addColumn('space_id', 'uuid', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('thread_id', 'uuid', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('post_id', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('question_transmissions_pkey', ['question_id', 'space_id'])
    .execute();
  await db.schema
    .createIndex('question_transmissions_thread_idx')
    .on('question_transmissions')
    .column('thread_id')
    .execute();
  await db.schema
    .createIndex('question_transmissions_post_idx')
    .on('question_transmissions')
    .column('post_id')
    .execute();

  // The animateur·ices of the space and the person who asked hear of a transmission.
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check
    check (kind in ('mention', 'reply', 'thread_post', 'moderation', 'question_transmitted'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from notifications where kind = 'question_transmitted'`.execute(db);
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check
    check (kind in ('mention', 'reply', 'thread_post', 'moderation'))`.execute(db);
  await db.schema.dropTable('question_transmissions').execute();
  await db.schema.dropTable('event_transmissions').execute();
}
