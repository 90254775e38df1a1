import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A profile picture: the storage key of its 256 px WebP, and when it was set — the version
  // in its URL (`?v=`), so that browsers may keep a picture for good and still see a new one.
  // Both are set together or both are null.
  await db.schema
    .alterTable('users')
    .addColumn('avatar_key', 'text')
    .addColumn('avatar_updated_at', 'timestamptz')
    .execute();
  await sql`alter table users add constraint users_avatar_check
    check ((avatar_key is null) = (avatar_updated_at is null))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropConstraint('users_avatar_check').execute();
  await db.schema.alterTable('users').dropColumn('avatar_key').dropColumn('avatar_updated_at').execute();
}
