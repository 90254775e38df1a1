import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // What a series hands down to the occurrences it materializes.
  await db.schema
    .alterTable('event_series')
    .addColumn('capacity', 'integer', (c) => c.check(sql`capacity > 0`))
    .execute();
  await db.schema.alterTable('event_series').addColumn('video_url', 'text').execute();
  await db.schema.alterTable('event_series').addColumn('address', 'text').execute();
  await db.schema.alterTable('event_series').addColumn('accessibility_note', 'text').execute();
  await db.schema
    .alterTable('event_series')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .execute();

  // One row per event: a one-off event, or one occurrence of a series. An occurrence keeps
  // `occurrence_date` (its date by the rule) even when moved or cancelled alone, so that the
  // unique key stops it from being materialized a second time.
  await db.schema
    .createTable('events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('series_id', 'uuid', (c) => c.references('event_series.id').onDelete('cascade'))
    .addColumn('occurrence_date', 'date')
    .addColumn('space_id', 'uuid', (c) => c.references('spaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('permanence', 'initiation', 'atelier', 'autre')`))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('visio', 'presentiel')`))
    .addColumn('capacity', 'integer', (c) => c.check(sql`capacity > 0`))
    .addColumn('video_url', 'text')
    .addColumn('address', 'text')
    .addColumn('accessibility_note', 'text')
    .addColumn('registration_deadline', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('cancel_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // The compte rendu (a document) and the follow-up thread, linked once made.
    .addColumn('report_document_id', 'uuid')
    .addColumn('follow_up_thread_id', 'uuid', (c) => c.references('threads.id').onDelete('set null'))
    .addUniqueConstraint('events_series_occurrence_key', ['series_id', 'occurrence_date'])
    .addCheckConstraint('events_dates_check', sql`ends_at > starts_at`)
    .addCheckConstraint('events_occurrence_check', sql`(series_id is null) = (occurrence_date is null)`)
    .execute();
  await db.schema.createIndex('events_starts_at_idx').on('events').columns(['starts_at', 'id']).execute();
  await db.schema.createIndex('events_space_idx').on('events').columns(['space_id', 'starts_at']).execute();

  // A person's place at an event: a seat, the waitlist (ordered by `created_at`, then id), or
  // cancelled. The one-click cancel link of the mails carries a token whose hash is kept here.
  // `reminded_*_at` make the reminders idempotent: each kind goes out once per registration.
  await db.schema
    .createTable('registrations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('registered', 'waitlisted', 'cancelled')`))
    .addColumn('cancel_token_hash', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('promoted_at', 'timestamptz')
    .addColumn('reminded_day_at', 'timestamptz')
    .addColumn('reminded_hour_at', 'timestamptz')
    .addUniqueConstraint('registrations_event_user_key', ['event_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('registrations_event_status_idx')
    .on('registrations')
    .columns(['event_id', 'status', 'created_at'])
    .execute();
  await db.schema.createIndex('registrations_user_idx').on('registrations').column('user_id').execute();

  await db.schema
    .createTable('series_follows')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('series_id', 'uuid', (c) => c.notNull().references('event_series.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('series_follows_pkey', ['user_id', 'series_id'])
    .execute();

  // A personal calendar feed: the URL carries a token, only its hash is kept; rotating replaces it.
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The key feed tokens are derived from (HMAC of the person and the feed's creation), so that
  // the person can see their address again while only its hash serves for lookups. One row.
  await db.schema
    .createTable('calendar_feed_key')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('secret', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['calendar_feed_key', 'calendar_feeds', 'series_follows', 'registrations', 'events']) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of ['created_by', 'accessibility_note', 'address', 'video_url', 'capacity']) {
    await db.schema.alterTable('event_series').dropColumn(column).execute();
  }
}
