import { sql } from 'kysely';
import type { Db } from '../../db/database';

function selectPosts(db: Db) {
  return db
    .selectFrom('posts')
    .innerJoin('users as author', 'author.id', 'posts.author_id')
    .select([
      'posts.id',
      'posts.thread_id',
      'posts.number',
      'posts.body',
      'posts.reply_to_id',
      'posts.quote_post_id',
      'posts.mentions',
      'posts.created_at',
      'posts.edited_at',
      'posts.deleted_at',
      'posts.hidden_at',
      'author.id as author_id',
      'author.display_name as author_name',
      'author.avatar_updated_at as author_avatar_updated_at',
    ]);
}

export type PostRecord = Awaited<ReturnType<ReturnType<typeof selectPosts>['executeTakeFirstOrThrow']>>;

/** A page of a thread's posts, oldest first, after post number `afterNumber`. */
export const listPosts = (db: Db, input: { threadId: string; afterNumber: number; limit: number }) =>
  selectPosts(db)
    .where('posts.thread_id', '=', input.threadId)
    .where('posts.number', '>', input.afterNumber)
    .orderBy('posts.number')
    .limit(input.limit + 1)
    .execute();

export const findPost = (db: Db, postId: string) => selectPosts(db).where('posts.id', '=', postId).executeTakeFirst();

/** The post row locked for an edit or a delete, so that two edits keep both revisions. */
export const lockPost = (db: Db, postId: string) =>
  db
    .selectFrom('posts')
    .select(['id', 'thread_id', 'author_id', 'body', 'created_at', 'edited_at', 'deleted_at', 'number'])
    .where('id', '=', postId)
    .forNoKeyUpdate()
    .executeTakeFirst();

/**
 * Writes a post in one statement: takes the thread's next number (the update locks the thread
 * row, so numbers, counts and read positions follow commit order), inserts the post, and makes
 * the author follow the thread unless they chose to stop. Undefined when the thread is locked
 * (or gone): nothing was written.
 */
export async function insertPostInThread(
  db: Db,
  values: {
    threadId: string;
    authorId: string;
    body: string;
    replyToId: string | null;
    quotePostId: string | null;
    mentions: string[];
  },
) {
  const { rows } = await sql<{ id: string; number: number; created_at: Date }>`
    with thread as (
      update threads set last_number = last_number + 1, post_count = post_count + 1, last_post_at = now()
      where id = ${values.threadId} and not locked
      returning id, last_number
    ), post as (
      insert into posts (thread_id, number, author_id, body, reply_to_id, quote_post_id, mentions)
      select id, last_number, ${values.authorId}, ${values.body}, ${values.replyToId}, ${values.quotePostId},
        ${values.mentions}::uuid[]
      from thread
      returning id, number, created_at
    ), follow as (
      insert into thread_follows (user_id, thread_id, following)
      select ${values.authorId}, id, true from thread
      on conflict (user_id, thread_id) do nothing
    )
    select id, number, created_at from post`.execute(db);
  return rows[0];
}

export async function replacePostBody(
  db: Db,
  post: { id: string; body: string; writtenAt: Date },
  values: { body: string; mentions: string[]; editedBy: string },
) {
  await db
    .insertInto('post_revisions')
    .values({ post_id: post.id, body: post.body, written_at: post.writtenAt, edited_by: values.editedBy })
    .execute();
  await db
    .updateTable('posts')
    .set({ body: values.body, mentions: sql`${values.mentions}::uuid[]`, edited_at: sql`now()` })
    .where('id', '=', post.id)
    .execute();
}

/** Soft delete: the body and its history go, the post keeps its place so replies still make sense. */
export async function softDeletePost(db: Db, postId: string, deletedBy: string) {
  await db.deleteFrom('post_revisions').where('post_id', '=', postId).execute();
  await db.deleteFrom('reactions').where('post_id', '=', postId).execute();
  await db
    .updateTable('posts')
    .set({ body: '', mentions: sql`'{}'::uuid[]`, deleted_at: sql`now()`, deleted_by: deletedBy })
    .where('id', '=', postId)
    .execute();
}

export const listRevisions = (db: Db, postId: string) =>
  db
    .selectFrom('post_revisions')
    .select(['id', 'body', 'written_at', 'replaced_at'])
    .where('post_id', '=', postId)
    .orderBy('replaced_at', 'desc')
    .orderBy('id')
    .execute();

/** Reaction counts per post and emoji, and whether `viewerId` is among them. */
export async function reactionsOf(db: Db, postIds: string[], viewerId: string | null) {
  if (postIds.length === 0) return [];
  return db
    .selectFrom('reactions')
    .select((eb) => [
      'post_id',
      'emoji',
      eb.fn.countAll<number>().as('count'),
      viewerId === null
        ? sql<boolean>`false`.as('mine')
        : sql<boolean>`bool_or(reactions.user_id = ${viewerId})`.as('mine'),
    ])
    .where('post_id', 'in', postIds)
    .groupBy(['post_id', 'emoji'])
    .execute();
}

export async function addReaction(db: Db, input: { postId: string; userId: string; emoji: string }) {
  const row = await db
    .insertInto('reactions')
    .values({ post_id: input.postId, user_id: input.userId, emoji: input.emoji })
    .onConflict((oc) => oc.columns(['post_id', 'user_id', 'emoji']).doNothing())
    .returning('post_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function removeReaction(db: Db, input: { postId: string; userId: string; emoji: string }) {
  const result = await db
    .deleteFrom('reactions')
    .where('post_id', '=', input.postId)
    .where('user_id', '=', input.userId)
    .where('emoji', '=', input.emoji)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export const usersByIds = async (db: Db, ids: string[]) =>
  ids.length === 0
    ? []
    : db.selectFrom('users').select(['id', 'display_name', 'email', 'locale', 'role']).where('id', 'in', ids).execute();
