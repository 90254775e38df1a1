import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Directory search reads indexes rather than every listed person: full-text words through a
  // GIN index on the very expression the query uses, parts of names and territories ("Dupo",
  // "rouen") through trigram indexes, which LIKE '%…%' can use.
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index users_directory_words_idx
    on users using gin (directory_document(display_name, organisation_name, bio))
    where listed_in_directory`.execute(db);
  await sql`create index users_directory_names_trgm_idx
    on users using gin (directory_fold(display_name || ' ' || coalesce(organisation_name, '')) gin_trgm_ops)
    where listed_in_directory`.execute(db);
  await sql`create index users_directory_territory_trgm_idx
    on users using gin (directory_fold(territory) gin_trgm_ops)
    where listed_in_directory`.execute(db);

  // Organisations page by their folded name: each page reads its organisations' people only.
  await sql`create index users_directory_organisation_idx
    on users ((directory_fold(organisation_name) collate "C"))
    where listed_in_directory and organisation_name is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index users_directory_organisation_idx`.execute(db);
  await sql`drop index users_directory_territory_trgm_idx`.execute(db);
  await sql`drop index users_directory_names_trgm_idx`.execute(db);
  await sql`drop index users_directory_words_idx`.execute(db);
}
