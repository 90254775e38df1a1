import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // When a file's text was last read for search (null: never). Files uploaded before search
  // existed have none: a sweep finds them here and reads them.
  await sql`alter table files add column text_read_at timestamptz`.execute(db);
  await sql`create index files_text_unread_idx on files (created_at) where text_read_at is null and deleted_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table files drop column text_read_at`.execute(db);
}
