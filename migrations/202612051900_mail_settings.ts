import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // What a person wants by mail. No row: the defaults (everything `each`); a row is written
  // the first time the person (or an unsubscribe link) changes something.
  await db.schema
    .createTable('mail_settings')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('each').check(sql`mentions in ('each', 'off')`))
    .addColumn('replies', 'text', (c) => c.notNull().defaultTo('each').check(sql`replies in ('each', 'off')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Per space: every new message, a daily or weekly digest, or nothing. No row: the default
  // for the kind of space and the person's role in it.
  await db.schema
    .createTable('space_mail_settings')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('space_id', 'uuid', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('each', 'daily', 'weekly', 'off')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('space_mail_settings_pkey', ['user_id', 'space_id'])
    .execute();

  // Headers a message carries besides the usual ones (List-Unsubscribe, Reply-To …).
  await db.schema.alterTable('mail_outbox').addColumn('headers', 'jsonb').execute();

  // Posts a person is to hear of by mail, gathered so that several in a few minutes make one
  // mail; `mailed_at` is set by the mail that told them.
  await db.schema
    .createTable('pending_mails')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('post_id', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('mention', 'reply', 'space_post')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('mailed_at', 'timestamptz')
    .addPrimaryKeyConstraint('pending_mails_pkey', ['user_id', 'post_id'])
    .execute();
  await db.schema
    .createIndex('pending_mails_waiting')
    .on('pending_mails')
    .columns(['user_id', 'created_at'])
    .where(sql.ref('mailed_at'), 'is', null)
    .execute();

  // One digest per person, period and period key (`2026-12-05`, `2026-W49`): never twice.
  await db.schema
    .createTable('digest_deliveries')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period in ('daily', 'weekly')`))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('digest_deliveries_pkey', ['user_id', 'period', 'period_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['digest_deliveries', 'pending_mails', 'space_mail_settings', 'mail_settings']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('mail_outbox').dropColumn('headers').execute();
}
