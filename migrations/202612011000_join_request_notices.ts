import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // When a space's animateur·ices were last mailed about one person's request to join. The
  // request itself disappears when it is withdrawn, so this row is what keeps a
  // request/withdraw loop from mailing them again and again (one mail an hour at most).
  await db.schema
    .createTable('join_request_notices')
    .addColumn('space_id', 'uuid', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('notified_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('join_request_notices_pkey', ['space_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('join_request_notices').execute();
}
