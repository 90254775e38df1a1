import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // An organisation's territory by its official code (a commune, an EPCI, a département or a
  // région: its name comes from the official list), and the themes it works on.
  await sql`alter table organisations
    add column territory_level text check (territory_level in ('commune', 'epci', 'departement', 'region')),
    add column territory_code text check (territory_code ~ '^[0-9AB]{2,9}$'),
    add column themes text[] not null default '{}',
    add constraint organisations_territory_code check ((territory_level is null) = (territory_code is null))`.execute(
    db,
  );
  // Found by its themes too.
  await sql`create or replace function search_index_organisation() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        delete from search_entries where type = 'organisation' and ref_id = old.id;
      else
        perform search_put('organisation', new.id, null, null, new.name,
          concat_ws(E'\n', new.territory, array_to_string(new.themes, ', '), new.presentation),
          '/allie-es/' || new.slug, new.created_at);
      end if;
      return null;
    end $$`.execute(db);
  await sql`drop trigger organisations_search on organisations`.execute(db);
  await sql`create trigger organisations_search after insert or update of name, territory, themes, presentation or delete
    on organisations for each row execute function search_index_organisation()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger organisations_search on organisations`.execute(db);
  await sql`create trigger organisations_search after insert or update of name, territory, presentation or delete
    on organisations for each row execute function search_index_organisation()`.execute(db);
  await sql`alter table organisations
    drop constraint organisations_territory_code,
    drop column territory_level, drop column territory_code, drop column themes`.execute(db);
}
