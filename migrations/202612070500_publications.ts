import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The commons: what a space publishes for everyone. A document version is copied as it was
  // published (its sanitized HTML and text): the public never sees the live draft, and the
  // publication stays what it was even if the version is gone.
  await db.schema
    .createTable('publications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('space_id', 'uuid', (c) => c.references('spaces.id').onDelete('cascade'))
    .addColumn('source_type', 'text', (c) =>
      c.notNull().check(sql`source_type in ('document_version', 'file', 'link')`),
    )
    .addColumn('source_id', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('publication', 'fiche', 'initiative', 'podcast', 'video', 'revue_de_presse')`),
    )
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('territories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('html', 'text')
    .addColumn('plain_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text')
    .addColumn('published_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('publications_source_key', ['source_type', 'source_id'])
    .execute();
  await sql`create index publications_published_idx on publications (published_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('publications').execute();
}
