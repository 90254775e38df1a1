import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Votes can now be withdrawn, so a count no longer only grows: every change of a question
  // (a vote, a withdrawal, a new status) bumps its revision, and a client keeps the newest
  // state it has seen whatever order the HTTP answers and live events arrive in.
  await db.schema
    .alterTable('questions')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('questions').dropColumn('revision').execute();
}
