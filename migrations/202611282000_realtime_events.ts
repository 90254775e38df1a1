import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per room holding its last sequence number. Allocating a number is an upsert that
  // increments this row inside the writer's transaction: the row lock makes concurrent writers
  // of one room wait for each other, and a rolled-back transaction gives its number back, so
  // the numbers that become visible are 1, 2, 3 … without gaps, committed in order.
  await sql`create table realtime_rooms (
    room text primary key,
    seq bigint not null default 0
  )`.execute(db);

  // Every stored (non-ephemeral) event, for replay after a reconnect or a gap.
  await sql`create table realtime_events (
    room text not null,
    seq bigint not null,
    type text not null,
    data jsonb,
    created_at timestamptz not null default now(),
    primary key (room, seq)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table realtime_events`.execute(db);
  await sql`drop table realtime_rooms`.execute(db);
}
