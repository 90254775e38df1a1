import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // `unaccent()` is only STABLE (its dictionary could change), so it cannot appear in an index.
  // Naming the dictionary makes the result depend on its arguments alone: this wrapper is the
  // one way the directory folds text for comparing and sorting ("Émilie" → "emilie").
  await sql`create function directory_fold(value text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, value)) $$`.execute(db);

  // The words of a listed person that free-text search looks at, in French without accents.
  // No GIN index on it: the search also matches parts of names (LIKE), which such an index
  // cannot serve, and a few thousand listed people are read in milliseconds anyway.
  await sql`create function directory_document(display_name text, organisation_name text, bio text)
    returns tsvector
    language sql immutable parallel safe
    as $$ select to_tsvector('public.french_unaccent'::regconfig,
      coalesce(display_name, '') || ' ' || coalesce(organisation_name, '') || ' ' || coalesce(bio, '')) $$`.execute(db);

  // Directory pages walk listed people by folded name then id (keyset pagination). The "C"
  // collation makes that order the same on every server, whatever its locale.
  await sql`create index users_directory_order_idx
    on users ((directory_fold(display_name) collate "C"), id)
    where listed_in_directory`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index users_directory_order_idx`.execute(db);
  await sql`drop function directory_document(text, text, text)`.execute(db);
  await sql`drop function directory_fold(text)`.execute(db);
}
