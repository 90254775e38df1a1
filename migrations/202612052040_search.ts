import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

/** The letters of French words, by code point: C-locale servers do not count accents as letters. */
const L = 'A-Za-zÀ-ÖØ-öø-ÿŒœ';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Inclusive writing, written out so that the French stemmer sees whole words:
  // « élu·e·s » → « élu élues », « acteur·ices » → « acteur actrices », « agent.es » →
  // « agent agentes ». Whatever else stays as it is.
  await sql
    .raw(`create function search_inclusive(value text) returns text
    language sql immutable parallel safe strict
    as $$ select regexp_replace(regexp_replace(regexp_replace(value,
      '([${L}])[·•.](e|ne|le|te|fe|ve)[·•.]s(?![${L}])', '\\1·\\2s', 'g'),
      '([${L}]+)eur[·•.](?:t?r)?ice(s?)(?![${L}])', '\\1eur \\1rice\\2', 'g'),
      '([${L}]+)[·•.](e|es|ne|nes|le|les|te|tes|fe|fes|ve|ves|euse|euses|sse|sses)(?![${L}])', '\\1 \\1\\2', 'g') $$`)
    .execute(db);

  // The text of a post's sanitized HTML: tags out, the entities it may hold decoded, and the two
  // private-use characters the search's excerpts mark their matches with removed.
  await sql`create function search_html_text(html text) returns text
    language sql immutable parallel safe strict
    as $$ select translate(replace(replace(replace(replace(replace(replace(
      regexp_replace(html, '<[^>]*>', ' ', 'g'),
      '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&'),
      E'\\uE000\\uE001', '') $$`.execute(db);

  // One row per thing one can find: its words (title above body; a post's title is its
  // thread's, weighed least: "PCAET réseau" finds a reply about réseaux in a thread about a
  // PCAET, yet "PCAET" alone ranks the thread above its posts), the
  // space it belongs to (null: the whole alliance's), and the date that breaks ties.
  await db.schema
    .createTable('search_entries')
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('space', 'thread', 'post', 'document', 'file', 'link', 'event', 'person')`),
    )
    .addColumn('ref_id', 'uuid', (c) => c.notNull())
    .addColumn('space_id', 'uuid', (c) => c.references('spaces.id').onDelete('cascade'))
    // A post's thread, an event's series: what the result's address needs besides the id.
    .addColumn('parent_id', 'uuid')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    // A shared link's address.
    .addColumn('url', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_entries_pkey', ['type', 'ref_id'])
    .execute();
  await sql`alter table search_entries add column vector tsvector generated always as (
      setweight(to_tsvector('public.french_unaccent'::regconfig, search_inclusive(title)),
        case when type = 'post' then 'D'::"char" else 'A'::"char" end)
      || setweight(to_tsvector('public.french_unaccent'::regconfig, search_inclusive(body)), 'B')
    ) stored`.execute(db);
  await sql`create index search_entries_vector_idx on search_entries using gin (vector)`.execute(db);
  // Titles alone (not a post's, which is its thread's): a word of a title is found however
  // many bodies also hold it (the search ranks the most recent body matches, see search.queries.ts).
  await sql`alter table search_entries add column title_vector tsvector generated always as (
      case when type = 'post' then null
        else to_tsvector('public.french_unaccent'::regconfig, search_inclusive(title)) end
    ) stored`.execute(db);
  await sql`create index search_entries_title_idx on search_entries using gin (title_vector)`.execute(db);
  await sql`create index search_entries_recent_idx on search_entries (at desc, ref_id desc)`.execute(db);
  // Names found despite a typo ("Camile" → "Camille"): people and spaces, by trigrams.
  await sql`create index search_entries_names_idx on search_entries
    using gin (directory_fold(title) gin_trgm_ops) where type in ('person', 'space')`.execute(db);
  await sql`create index search_entries_space_idx on search_entries (space_id)`.execute(db);

  // The text extracted from an uploaded PDF or office file, for search (filled by a job).
  await sql`alter table files add column text_content text not null default ''`.execute(db);

  // Each source keeps its entries up to date in the same transaction as the change: what is
  // deleted, unlisted or cancelled vanishes from results at once.
  await sql`create function search_put(
      p_type text, p_ref uuid, p_space uuid, p_parent uuid, p_title text, p_body text, p_url text, p_at timestamptz
    ) returns void language sql as $$
      insert into search_entries (type, ref_id, space_id, parent_id, title, body, url, at)
      values (p_type, p_ref, p_space, p_parent, translate(p_title, E'\\uE000\\uE001', ''),
        translate(coalesce(p_body, ''), E'\\uE000\\uE001', ''), p_url, p_at)
      on conflict (type, ref_id) do update set space_id = excluded.space_id, parent_id = excluded.parent_id,
        title = excluded.title, body = excluded.body, url = excluded.url, at = excluded.at
    $$`.execute(db);

  await sql`create function search_index_space() returns trigger language plpgsql as $$
    begin
      perform search_put('space', new.id, new.id, null, new.title,
        concat_ws(E'\n', new.summary, new.description, array_to_string(new.goals, E'\n')), null, new.updated_at);
      return null;
    end $$`.execute(db);
  await sql`create trigger spaces_search after insert or update of title, summary, description, goals
    on spaces for each row execute function search_index_space()`.execute(db);

  await sql`create function search_index_thread() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        delete from search_entries where type = 'thread' and ref_id = old.id;
        return null;
      end if;
      perform search_put('thread', new.id, new.space_id, null, new.title, '', null, new.created_at);
      if tg_op = 'UPDATE' and new.title is distinct from old.title then
        update search_entries set title = new.title where type = 'post' and parent_id = new.id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger threads_search after insert or update of title or delete
    on threads for each row execute function search_index_thread()`.execute(db);

  await sql`create function search_index_post() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' or new.deleted_at is not null then
        delete from search_entries where type = 'post' and ref_id = coalesce(new.id, old.id);
      else
        perform search_put('post', new.id, t.space_id, t.id, t.title, search_html_text(new.body), null,
          coalesce(new.edited_at, new.created_at))
        from threads t where t.id = new.thread_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger posts_search after insert or update of body, deleted_at or delete
    on posts for each row execute function search_index_post()`.execute(db);

  await sql`create function search_index_document() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' or new.deleted_at is not null then
        delete from search_entries where type = 'document' and ref_id = coalesce(new.id, old.id);
      else
        perform search_put('document', new.id, new.space_id, null, new.title, new.plain_text, null,
          coalesce(new.last_edited_at, new.created_at));
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger documents_search after insert or update of title, plain_text, deleted_at or delete
    on documents for each row execute function search_index_document()`.execute(db);

  await sql`create function search_index_file() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' or new.deleted_at is not null then
        delete from search_entries where type = 'file' and ref_id = coalesce(new.id, old.id);
      else
        perform search_put('file', new.id, new.space_id, null, new.name, new.text_content, null, new.created_at);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger files_search after insert or update of name, text_content, deleted_at or delete
    on files for each row execute function search_index_file()`.execute(db);

  await sql`create function search_index_link() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' or new.deleted_at is not null then
        delete from search_entries where type = 'link' and ref_id = coalesce(new.id, old.id);
      else
        perform search_put('link', new.id, new.space_id, null, new.title, new.description, new.url, new.created_at);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger links_search after insert or update of title, description, url, deleted_at or delete
    on links for each row execute function search_index_link()`.execute(db);

  await sql`create function search_index_event() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        delete from search_entries where type = 'event' and ref_id = old.id;
      else
        perform search_put('event', new.id, new.space_id, null, new.title,
          concat_ws(E'\n', new.summary, new.address), null, new.starts_at);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger events_search after insert or update of title, summary, address, starts_at, space_id
    or delete on events for each row execute function search_index_event()`.execute(db);

  await sql`create function search_index_person() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' or not new.listed_in_directory then
        delete from search_entries where type = 'person' and ref_id = coalesce(new.id, old.id);
      else
        perform search_put('person', new.id, null, null, new.display_name,
          concat_ws(E'\n', new.organisation_name, new.territory, array_to_string(new.themes, ', '), new.bio),
          null, new.created_at);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger users_search after insert or update of display_name, organisation_name, territory,
    themes, bio, listed_in_directory or delete on users for each row execute function search_index_person()`.execute(
    db,
  );

  // What exists already.
  await sql`select search_put('space', id, id, null, title,
    concat_ws(E'\n', summary, description, array_to_string(goals, E'\n')), null, updated_at) from spaces`.execute(db);
  await sql`select search_put('thread', id, space_id, null, title, '', null, created_at) from threads`.execute(db);
  await sql`select search_put('post', p.id, t.space_id, t.id, t.title, search_html_text(p.body), null,
    coalesce(p.edited_at, p.created_at)) from posts p join threads t on t.id = p.thread_id
    where p.deleted_at is null`.execute(db);
  await sql`select search_put('document', id, space_id, null, title, plain_text, null,
    coalesce(last_edited_at, created_at)) from documents where deleted_at is null`.execute(db);
  await sql`select search_put('file', id, space_id, null, name, '', null, created_at)
    from files where deleted_at is null`.execute(db);
  await sql`select search_put('link', id, space_id, null, title, description, url, created_at)
    from links where deleted_at is null`.execute(db);
  await sql`select search_put('event', id, space_id, null, title, concat_ws(E'\n', summary, address), null, starts_at)
    from events`.execute(db);
  await sql`select search_put('person', id, null, null, display_name,
    concat_ws(E'\n', organisation_name, territory, array_to_string(themes, ', '), bio), null, created_at)
    from users where listed_in_directory`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['users', 'events', 'links', 'files', 'documents', 'posts', 'threads', 'spaces']) {
    await sql.raw(`drop trigger ${table}_search on ${table}`).execute(db);
  }
  for (const source of ['person', 'event', 'link', 'file', 'document', 'post', 'thread', 'space']) {
    await sql.raw(`drop function search_index_${source}()`).execute(db);
  }
  await sql`drop function search_put(text, uuid, uuid, uuid, text, text, text, timestamptz)`.execute(db);
  await sql`alter table files drop column text_content`.execute(db);
  await db.schema.dropTable('search_entries').execute();
  await sql`drop function search_html_text(text)`.execute(db);
  await sql`drop function search_inclusive(text)`.execute(db);
}
