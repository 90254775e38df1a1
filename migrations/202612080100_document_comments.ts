import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Comments on shared documents, in threads. A thread's first comment holds the anchor: two
  // Yjs relative positions (base64) and the quoted text at the time; its replies point at it
  // with `thread_id` and hold no anchor. Resolving is a state of the first comment.
  await db.schema
    .createTable('document_comments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('thread_id', 'uuid', (c) => c.references('document_comments.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('anchor_start', 'text')
    .addColumn('anchor_end', 'text')
    .addColumn('quote', 'text')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A first comment has its whole anchor, a reply none of it and is never resolved itself.
    .addCheckConstraint(
      'document_comments_anchor_check',
      sql`(thread_id is null and anchor_start is not null and anchor_end is not null and quote is not null)
        or (thread_id is not null and anchor_start is null and anchor_end is null and quote is null and resolved_at is null)`,
    )
    .execute();
  await sql`create index document_comments_document_idx on document_comments (document_id, created_at, id)`.execute(db);
  await sql`create index document_comments_thread_idx on document_comments (thread_id, created_at, id)
    where thread_id is not null`.execute(db);
  // Export and erasure find a person's comments (and the threads they resolved) by these.
  await sql`create index document_comments_author_idx on document_comments (author_id)`.execute(db);
  await sql`create index document_comments_resolved_by_idx on document_comments (resolved_by)
    where resolved_by is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('document_comments').execute();
}
