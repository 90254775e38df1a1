import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The territories the alliance accompanies, by their official code: an INSEE code for a
  // commune, a département or a région, a SIREN for an EPCI or another grouping (PETR, parc).
  // A département and a région may share a code ("84"), hence the level in the key.
  await db.schema
    .createTable('territories')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('level', 'text', (c) =>
      c.notNull().check(sql`level in ('commune', 'epci', 'departement', 'region', 'other')`),
    )
    .addColumn('code', 'text', (c) => c.notNull().check(sql`code ~ '^[0-9AB]{2,9}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('programmes', sql`text[]`, (c) =>
      c
        .notNull()
        .check(sql`cardinality(programmes) > 0 and programmes <@ array['cohorte', 'experimental', 'ponctuel']::text[]`),
    )
    // Where its point stands on the map; a territory without one is in the table only.
    .addColumn('lat', 'double precision', (c) => c.check(sql`lat between -90 and 90`))
    .addColumn('lon', 'double precision', (c) => c.check(sql`lon between -180 and 180`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('territories_level_code_key', ['level', 'code'])
    .addCheckConstraint('territories_point', sql`(lat is null) = (lon is null)`)
    .execute();

  // A space's project names the territory it accompanies: the spaces of a territory are the
  // spaces with a project there.
  await sql`alter table space_projects
    add column territory_id uuid references territories (id) on delete set null`.execute(db);
  await sql`create index space_projects_territory_idx on space_projects (territory_id)`.execute(db);

  // A territory's « 4 Fantastiques »: one person per role; a role without a row is a vacancy.
  await db.schema
    .createTable('territory_team')
    .addColumn('territory_id', 'uuid', (c) => c.notNull().references('territories.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('elu', 'agent', 'etat', 'acteur')`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('since', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('territory_team_pkey', ['territory_id', 'role'])
    .execute();
  await sql`create index territory_team_user_idx on territory_team (user_id)`.execute(db);

  // An invitation from a cohort's CSV may name the territory and the seat its person takes.
  await sql`alter table space_invitations
    add column territory_id uuid references territories (id) on delete set null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table space_invitations drop column territory_id`.execute(db);
  await db.schema.dropTable('territory_team').execute();
  await sql`alter table space_projects drop column territory_id`.execute(db);
  await db.schema.dropTable('territories').execute();
}
