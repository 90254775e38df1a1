import { UNREAD_COUNT_MAX } from '@atelier/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { SPACE_COLUMNS } from '../spaces/spaces.queries';

/**
 * Threads with what their list shows. `viewerId` (null for anonymous visitors) adds the
 * viewer's unread count — posts after their read position, neither deleted nor their own nor
 * by someone they blocked, up to `UNREAD_COUNT_MAX` — and whether they follow the thread.
 */
function selectThreads(db: Db, viewerId: string | null) {
  return db
    .selectFrom('threads')
    .innerJoin('users as author', 'author.id', 'threads.author_id')
    .select([
      'threads.id',
      'threads.space_id',
      'threads.title',
      'threads.pinned',
      'threads.locked',
      'threads.post_count',
      'threads.last_number',
      'threads.last_post_at',
      'threads.created_at',
      'author.id as author_id',
      'author.display_name as author_name',
      sql<string>`threads.last_post_at::text`.as('last_post_key'),
      viewerId === null
        ? sql<number>`0`.as('unread_count')
        : sql<number>`(select count(*) from (select 1 from posts
            where posts.thread_id = threads.id and posts.deleted_at is null and posts.author_id <> ${viewerId}
              and not exists (select 1 from user_blocks b
                where b.blocker_id = ${viewerId} and b.blocked_id = posts.author_id)
              and posts.number > coalesce((select rs.last_read_number from read_states rs
                where rs.thread_id = threads.id and rs.user_id = ${viewerId}), 0)
            limit ${UNREAD_COUNT_MAX}) as unread)`.as('unread_count'),
      viewerId === null
        ? sql<boolean>`false`.as('following')
        : sql<boolean>`coalesce((select tf.following from thread_follows tf
            where tf.thread_id = threads.id and tf.user_id = ${viewerId}), false)`.as('following'),
    ]);
}

export type ThreadRecord = Awaited<ReturnType<ReturnType<typeof selectThreads>['executeTakeFirstOrThrow']>>;

/** Where a page of threads ends: pinned first, then latest post first, then id. */
export interface ThreadCursor {
  pinned: boolean;
  lastPostAt: string;
  id: string;
}

/** One page of a space's threads, served by `threads_space_listing_idx`. */
export async function listThreads(
  db: Db,
  input: { spaceId: string; viewerId: string | null; cursor: ThreadCursor | null; limit: number },
) {
  let query = selectThreads(db, input.viewerId).where('threads.space_id', '=', input.spaceId);
  const { cursor } = input;
  if (cursor) {
    // Exact keyset: the timestamp comes back as Postgres text, never rounded through a JS Date.
    query = query.where(
      sql<boolean>`(threads.pinned, threads.last_post_at, threads.id) < (${cursor.pinned}, ${cursor.lastPostAt}::timestamptz, ${cursor.id}::uuid)`,
    );
  }
  return query
    .orderBy('threads.pinned', 'desc')
    .orderBy('threads.last_post_at', 'desc')
    .orderBy('threads.id', 'desc')
    .limit(input.limit + 1)
    .execute();
}

/**
 * Threads of the spaces the viewer actively belongs to with posts past their read position,
 * latest post first, with their space. Some may hold only the viewer's own posts (unread
 * count 0): the caller drops those.
 */
export const listThreadsToRead = (db: Db, viewerId: string, limit: number) =>
  selectThreads(db, viewerId)
    .innerJoin('memberships as m', (join) =>
      join.onRef('m.space_id', '=', 'threads.space_id').on('m.user_id', '=', viewerId).on('m.status', '=', 'active'),
    )
    .innerJoin('spaces', 'spaces.id', 'threads.space_id')
    .leftJoin('read_states as rs', (join) =>
      join.onRef('rs.thread_id', '=', 'threads.id').on('rs.user_id', '=', viewerId),
    )
    .select(['spaces.slug as space_slug', 'spaces.title as space_title'])
    .where(sql<boolean>`threads.last_number > coalesce(rs.last_read_number, 0)`)
    .orderBy('threads.last_post_at', 'desc')
    .limit(limit)
    .execute();

export const findThread = (db: Db, threadId: string, viewerId: string | null) =>
  selectThreads(db, viewerId).where('threads.id', '=', threadId).executeTakeFirst();

/**
 * The bare row, locked until the transaction ends: posts in one thread take numbers one at a
 * time. `FOR NO KEY UPDATE` leaves foreign-key checks (read positions, follows) unblocked.
 */
/**
 * A thread to write in, its space and the actor's membership, in one query: what posting
 * needs to decide, without the list's counts.
 */
export const findThreadWithSpace = (db: Db, threadId: string, userId: string | null) =>
  db
    .selectFrom('threads')
    .innerJoin('spaces', 'spaces.id', 'threads.space_id')
    .leftJoin('memberships as m', (join) =>
      userId === null
        ? join.on(sql<boolean>`false`)
        : join.onRef('m.space_id', '=', 'spaces.id').on('m.user_id', '=', userId),
    )
    .select([
      ...SPACE_COLUMNS,
      'threads.id as thread_id',
      'threads.title as thread_title',
      'threads.locked as thread_locked',
      'm.user_id as member_id',
      'm.role as member_role',
      'm.status as member_status',
    ])
    .where('threads.id', '=', threadId)
    .executeTakeFirst();

export const lockThread = (db: Db, threadId: string) =>
  db
    .selectFrom('threads')
    .select(['id', 'space_id', 'locked', 'last_number', 'title'])
    .where('id', '=', threadId)
    .forNoKeyUpdate()
    .executeTakeFirst();

export const insertThread = (db: Db, values: { spaceId: string; authorId: string; title: string }) =>
  db
    .insertInto('threads')
    .values({ space_id: values.spaceId, author_id: values.authorId, title: values.title })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();

export async function updateThread(
  db: Db,
  threadId: string,
  values: { title?: string | undefined; pinned?: boolean | undefined; locked?: boolean | undefined },
) {
  const set = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  if (Object.keys(set).length === 0) return;
  await db.updateTable('threads').set(set).where('id', '=', threadId).execute();
}

export const recordDeletedPost = (db: Db, threadId: string) =>
  db.updateTable('threads').set({ post_count: sql`greatest(post_count - 1, 0)` }).where('id', '=', threadId).execute();

/** Follow or stop following; `onlyIfNew` keeps an explicit "stop following" when one posts again. */
export async function setFollow(
  db: Db,
  input: { userId: string; threadId: string; following: boolean; onlyIfNew?: boolean },
) {
  await db
    .insertInto('thread_follows')
    .values({ user_id: input.userId, thread_id: input.threadId, following: input.following })
    .onConflict((oc) =>
      input.onlyIfNew
        ? oc.columns(['user_id', 'thread_id']).doNothing()
        : oc.columns(['user_id', 'thread_id']).doUpdateSet({ following: input.following, updated_at: sql`now()` }),
    )
    .execute();
}

/** Who followed the thread when a post was written (the job may run after others started following). */
export const listFollowersAt = (db: Db, threadId: string, at: Date) =>
  db
    .selectFrom('thread_follows')
    .select('user_id')
    .where('thread_id', '=', threadId)
    .where('following', '=', true)
    .where('updated_at', '<=', at)
    .execute();
