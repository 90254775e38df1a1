import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Event reminders (the day and the hour before) are a list of their own, which a person can
  // leave from the settings or from a reminder's unsubscribe link. Existing rows: `each`.
  await db.schema
    .alterTable('mail_settings')
    .addColumn('reminders', 'text', (c) => c.notNull().defaultTo('each').check(sql`reminders in ('each', 'off')`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mail_settings').dropColumn('reminders').execute();
}
