import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A space's infolettres: drafts its animateur·ices write, then issues sent once to its members.
  await db.schema
    .createTable('newsletters')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('space_id', 'uuid', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`status in ('draft', 'sending', 'sent')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Set by the send request (who, when, to how many people then); `sent_at` and the final
    // `recipient_count` once the job has queued every mail.
    .addColumn('sent_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('send_started_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('recipient_count', 'integer')
    .execute();
  await db.schema.createIndex('newsletters_space').on('newsletters').columns(['space_id', 'created_at']).execute();

  // One row per person an issue was mailed to, written with the mail in one transaction: the
  // primary key is what keeps a resumed or duplicated send job from mailing anyone twice.
  await db.schema
    .createTable('newsletter_deliveries')
    .addColumn('newsletter_id', 'uuid', (c) => c.notNull().references('newsletters.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('outbox_id', 'uuid', (c) => c.references('mail_outbox.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('newsletter_deliveries_pkey', ['newsletter_id', 'user_id'])
    .execute();

  // Members who do not want a space's infolettres. No row: they receive them.
  await db.schema
    .createTable('newsletter_opt_outs')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('space_id', 'uuid', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('newsletter_opt_outs_pkey', ['user_id', 'space_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['newsletter_opt_outs', 'newsletter_deliveries', 'newsletters']) {
    await db.schema.dropTable(table).execute();
  }
}
