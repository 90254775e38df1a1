import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // What a bulk invitation says of each person (a cohort's CSV): the account created from the
  // invitation starts with it, so nobody types again what the animateur·ice already knew.
  await sql`alter table space_invitations
    add column display_name text,
    add column organisation_name text,
    add column territory text,
    add column fantastic_role text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table space_invitations
    drop column display_name, drop column organisation_name, drop column territory, drop column fantastic_role`.execute(
    db,
  );
}
