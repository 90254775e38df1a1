import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A flag: one person says one post, document or file breaks the charter. Open until a
  // moderator decides; the decision closes every open flag of the same thing at once.
  await db.schema
    .createTable('flags')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('target_type', 'text', (c) => c.notNull().check(sql`target_type in ('post', 'document', 'file')`))
    .addColumn('target_id', 'uuid', (c) => c.notNull())
    // The space of the target (null: an alliance document, for the admins' queue only).
    .addColumn('space_id', 'uuid', (c) => c.references('spaces.id').onDelete('cascade'))
    .addColumn('flagged_by', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('charter', 'spam', 'abuse', 'other')`))
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('keep', 'hide', 'delete')`))
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .execute();
  // One open flag per person and thing: flagging again finds it (and counts once).
  await sql`create unique index flags_open_once on flags (target_type, target_id, flagged_by)
    where decided_at is null`.execute(db);
  await sql`create index flags_open_space on flags (space_id, created_at) where decided_at is null`.execute(db);
  await sql`create index flags_open_all on flags (created_at) where decided_at is null`.execute(db);

  // A post hidden by moderation: pending review once flagged by enough people (hidden_by
  // null), or by a moderator's decision. Its author and the moderators still read it.
  await db.schema
    .alterTable('posts')
    .addColumn('hidden_at', 'timestamptz')
    .addColumn('hidden_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .execute();

  // Who blocked whom: nothing from `blocked_id` reaches `blocker_id`.
  await db.schema
    .createTable('user_blocks')
    .addColumn('blocker_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('blocked_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('user_blocks_pkey', ['blocker_id', 'blocked_id'])
    .execute();
  await db.schema.createIndex('user_blocks_blocked').on('user_blocks').column('blocked_id').execute();

  // The author hears of a decision in the app: a new kind with what was decided.
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check
    check (kind in ('mention', 'reply', 'thread_post', 'moderation'))`.execute(db);
  await db.schema
    .alterTable('notifications')
    .addColumn('moderation_decision', 'text')
    .addColumn('moderation_note', 'text')
    .execute();

  // A hidden post leaves the search index, and comes back when kept.
  await sql`create or replace function search_index_post() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' or new.deleted_at is not null or new.hidden_at is not null then
        delete from search_entries where type = 'post' and ref_id = coalesce(new.id, old.id);
      else
        perform search_put('post', new.id, t.space_id, t.id, t.title, search_html_text(new.body), null,
          coalesce(new.edited_at, new.created_at))
        from threads t where t.id = new.thread_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`drop trigger posts_search on posts`.execute(db);
  await sql`create trigger posts_search after insert or update of body, deleted_at, hidden_at or delete
    on posts for each row execute function search_index_post()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger posts_search on posts`.execute(db);
  await sql`create or replace function search_index_post() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' or new.deleted_at is not null then
        delete from search_entries where type = 'post' and ref_id = coalesce(new.id, old.id);
      else
        perform search_put('post', new.id, t.space_id, t.id, t.title, search_html_text(new.body), null,
          coalesce(new.edited_at, new.created_at))
        from threads t where t.id = new.thread_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger posts_search after insert or update of body, deleted_at or delete
    on posts for each row execute function search_index_post()`.execute(db);
  await db.schema.alterTable('notifications').dropColumn('moderation_decision').dropColumn('moderation_note').execute();
  await sql`delete from notifications where kind = 'moderation'`.execute(db);
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check
    check (kind in ('mention', 'reply', 'thread_post'))`.execute(db);
  await db.schema.dropTable('user_blocks').execute();
  await db.schema.alterTable('posts').dropColumn('hidden_at').dropColumn('hidden_by').execute();
  await db.schema.dropTable('flags').execute();
}
