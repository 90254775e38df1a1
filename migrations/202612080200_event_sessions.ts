import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A session is an event of its own (times, place, capacity, waitlist, attendance) held during
  // another one-off event, its parent: « atelier A ou B » at an assembly. Deleting the parent
  // takes its sessions along.
  await db.schema
    .alterTable('events')
    .addColumn('parent_id', 'uuid', (c) => c.references('events.id').onDelete('cascade'))
    .execute();
  await db.schema
    .createIndex('events_parent_idx')
    .on('events')
    .columns(['parent_id', 'starts_at'])
    .where(sql.ref('parent_id'), 'is not', null)
    .execute();

  // The questions the organisers ask at registration (`[{ key, required }]`, keys from a
  // closed list), and each registration's answers (`{ key: answer }`), seen by organisers only.
  await db.schema
    .alterTable('events')
    .addColumn('registration_questions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema
    .alterTable('registrations')
    .addColumn('answers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('registrations').dropColumn('answers').execute();
  await db.schema.alterTable('events').dropColumn('registration_questions').execute();
  await db.schema.dropIndex('events_parent_idx').execute();
  await db.schema.alterTable('events').dropColumn('parent_id').execute();
}
