import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Questions and proposals asked at an event. `votes` is a counter kept beside the vote rows:
  // a vote inserts its row (the primary key refuses a second one) and bumps the counter in the
  // same transaction, so the count is exact under concurrency and cheap to sort by.
  await db.schema
    .createTable('questions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'current', 'answered', 'transmitted')`),
    )
    .addColumn('transmitted_space_id', 'uuid', (c) => c.references('spaces.id').onDelete('set null'))
    .addColumn('votes', 'integer', (c) => c.notNull().defaultTo(0).check(sql`votes >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('questions_event_idx').on('questions').columns(['event_id', 'created_at']).execute();
  // At most one question is being answered per event; the service also locks the event row
  // while changing statuses, so this only catches a bug, never a race.
  await sql`create unique index questions_one_current_idx on questions (event_id) where status = 'current'`.execute(db);

  await db.schema
    .createTable('question_votes')
    .addColumn('question_id', 'uuid', (c) => c.notNull().references('questions.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('question_votes_pkey', ['question_id', 'user_id'])
    .execute();
  await db.schema.createIndex('question_votes_user_idx').on('question_votes').column('user_id').execute();

  // Who came, as marked by those who run the event (people need not have registered).
  await db.schema
    .createTable('attendances')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('marked_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('attendances_pkey', ['event_id', 'user_id'])
    .execute();
  await db.schema.createIndex('attendances_user_idx').on('attendances').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['attendances', 'question_votes', 'questions']) {
    await db.schema.dropTable(table).execute();
  }
}
