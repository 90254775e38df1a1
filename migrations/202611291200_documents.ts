import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A document's content is a Yjs document. `state` is the compacted snapshot (one Yjs
  // update); the rows of `document_updates` with an id above `compacted_through` are the
  // increments stored since, applied on top of it when the document is loaded. A null
  // `space_id` is a document of the whole alliance.
  await db.schema
    .createTable('documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('space_id', 'uuid', (c) => c.references('spaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_edited_at', 'timestamptz')
    .addColumn('last_edited_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('state', 'bytea')
    .addColumn('compacted_through', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('plain_text', 'text', (c) => c.notNull().defaultTo(''))
    // When the last `auto` version was taken: at most one per interval of editing.
    .addColumn('last_auto_version_at', 'timestamptz')
    .execute();
  // Full-text search over title and content, in French without accents (like the directory).
  await sql`alter table documents add column search_vector tsvector
    generated always as (to_tsvector('public.french_unaccent'::regconfig,
      title || ' ' || plain_text)) stored`.execute(db);
  await sql`create index documents_search_idx on documents using gin (search_vector)`.execute(db);
  await sql`create index documents_space_listing_idx
    on documents (space_id, (coalesce(last_edited_at, created_at)) desc, id desc)
    where deleted_at is null`.execute(db);

  await db.schema
    .createTable('document_updates')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('update', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('document_updates_document_idx')
    .on('document_updates')
    .columns(['document_id', 'id'])
    .execute();

  await db.schema
    .createTable('document_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('auto', 'named', 'restore')`))
    .addColumn('name', 'text')
    .addColumn('state', 'bytea', (c) => c.notNull())
    .addColumn('plain_text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('document_versions_document_idx')
    .on('document_versions')
    .columns(['document_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('document_versions').execute();
  await db.schema.dropTable('document_updates').execute();
  await db.schema.dropTable('documents').execute();
}
