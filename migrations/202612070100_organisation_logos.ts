import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // An organisation's logo, as a profile picture is kept: the storage key of its 256 px WebP,
  // and when it was set — the version in its URL (`?v=`), so that browsers may keep a logo for
  // good and still see a new one. Both are set together or both are null.
  await db.schema
    .alterTable('organisations')
    .addColumn('logo_key', 'text')
    .addColumn('logo_updated_at', 'timestamptz')
    .execute();
  await sql`alter table organisations add constraint organisations_logo_check
    check ((logo_key is null) = (logo_updated_at is null))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organisations').dropConstraint('organisations_logo_check').execute();
  await db.schema.alterTable('organisations').dropColumn('logo_key').dropColumn('logo_updated_at').execute();
}
