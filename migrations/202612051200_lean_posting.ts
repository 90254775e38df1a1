import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // An event announced in several rooms (a post: its thread and its space) is stored once;
  // each room keeps only its own number for it. Existing events keep their data, moved.
  await sql`create table realtime_payloads (
    id uuid primary key,
    type text not null,
    data jsonb,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`alter table realtime_events add column payload_id uuid`.execute(db);
  await sql`update realtime_events set payload_id = gen_random_uuid()`.execute(db);
  await sql`insert into realtime_payloads (id, type, data, created_at)
    select payload_id, type, data, created_at from realtime_events`.execute(db);
  await sql`alter table realtime_events drop column type, drop column data,
    alter column payload_id set not null`.execute(db);
  // Events and payloads older than the replay window are pruned on a schedule.
  await sql`create index realtime_events_created_idx on realtime_events (created_at)`.execute(db);
  await sql`create index realtime_payloads_created_idx on realtime_payloads (created_at)`.execute(db);

  // A notification per person and post: the job that writes them may run twice (at least once
  // delivery) and must find what it already wrote.
  await sql`create unique index notifications_user_post_key on notifications (user_id, post_id)`.execute(db);

  // Mentions are resolved among the names a post writes, not by loading every member.
  await sql`create index users_display_name_lower_idx on users (lower(display_name))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index users_display_name_lower_idx`.execute(db);
  await sql`drop index notifications_user_post_key`.execute(db);
  await sql`alter table realtime_events add column type text, add column data jsonb`.execute(db);
  await sql`update realtime_events e set type = p.type, data = p.data
    from realtime_payloads p where p.id = e.payload_id`.execute(db);
  await sql`alter table realtime_events drop column payload_id, alter column type set not null`.execute(db);
  await sql`drop table realtime_payloads`.execute(db);
}
