import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The alliance's organisations, first-class: a public page each, edited by admins and
  // referents. Until now an organisation was only free text on a person's profile.
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('siren', 'text', (c) => c.unique().check(sql`siren ~ '^[0-9]{9}$'`))
    .addColumn('territory', 'text')
    .addColumn('website', 'text')
    .addColumn('presentation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('charter_joined_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Two organisations never share a name, whatever its case and accents.
  await sql`create unique index organisations_name_idx on organisations (directory_fold(name))`.execute(db);

  // A person's link to an organisation: asked by the person, confirmed by a referent or an
  // admin. Referents are confirmed members who may edit the organisation and confirm links.
  await db.schema
    .createTable('organisation_members')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'confirmed')`))
    .addColumn('referent', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('confirmed_at', 'timestamptz')
    .addPrimaryKeyConstraint('organisation_members_pkey', ['organisation_id', 'user_id'])
    .addCheckConstraint('organisation_members_referent_confirmed', sql`not referent or status = 'confirmed'`)
    .execute();
  await sql`create index organisation_members_user_idx on organisation_members (user_id)`.execute(db);

  // Found by search, by anyone: an organisation's page is public.
  await sql`alter table search_entries drop constraint search_entries_type_check`.execute(db);
  await sql`alter table search_entries add constraint search_entries_type_check
    check (type in ('space', 'thread', 'post', 'document', 'file', 'link', 'event', 'person', 'organisation'))`.execute(
    db,
  );
  await sql`create function search_index_organisation() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        delete from search_entries where type = 'organisation' and ref_id = old.id;
      else
        perform search_put('organisation', new.id, null, null, new.name,
          concat_ws(E'\n', new.territory, new.presentation), '/allie-es/' || new.slug, new.created_at);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger organisations_search after insert or update of name, territory, presentation or delete
    on organisations for each row execute function search_index_organisation()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from search_entries where type = 'organisation'`.execute(db);
  await sql`alter table search_entries drop constraint search_entries_type_check`.execute(db);
  await sql`alter table search_entries add constraint search_entries_type_check
    check (type in ('space', 'thread', 'post', 'document', 'file', 'link', 'event', 'person'))`.execute(db);
  await db.schema.dropTable('organisation_members').execute();
  await db.schema.dropTable('organisations').execute();
  await sql`drop function search_index_organisation()`.execute(db);
}
