import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Personal API tokens: only the SHA-256 of the secret is kept (a copy of the database opens
  // nothing), with its first characters to tell tokens apart. A revoked token is deleted: it
  // answers 401 like an unknown one. Rights are never stored here: each request asks the
  // policy about the owner, narrowed by `scopes`.
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 80`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull().check(sql`char_length(prefix) <= 16`))
    .addColumn('scopes', sql`text[]`, (c) =>
      c.notNull().check(sql`scopes = array['read']::text[] or scopes = array['read', 'write']::text[]`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('api_tokens').execute();
}
