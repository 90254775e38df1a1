import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Invitations by mail to join a space. Only the hash of the link's secret is stored; the
  // email is stored lower-cased and is the only address that may accept.
  await db.schema
    .createTable('space_invitations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('space_id', 'uuid', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('membre').check(sql`role in ('animateur', 'membre')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('accepted_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('space_invitations_space_email_idx')
    .on('space_invitations')
    .columns(['space_id', 'email'])
    .execute();

  // Who let a member in (approved the request or invited them), and when.
  await db.schema
    .alterTable('memberships')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('memberships').addColumn('decided_at', 'timestamptz').execute();
  // Member lists and "last animateur" checks read the active members of one space by role.
  await db.schema
    .createIndex('memberships_space_status_role_idx')
    .on('memberships')
    .columns(['space_id', 'status', 'role'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('memberships_space_status_role_idx').execute();
  await db.schema.alterTable('memberships').dropColumn('decided_at').execute();
  await db.schema.alterTable('memberships').dropColumn('decided_by').execute();
  await db.schema.dropTable('space_invitations').execute();
}
