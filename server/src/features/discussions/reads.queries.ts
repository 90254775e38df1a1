import { UNREAD_COUNT_MAX } from '@atelier/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database';

export const findReadPosition = async (db: Db, userId: string, threadId: string) => {
  const row = await db
    .selectFrom('read_states')
    .select('last_read_number')
    .where('user_id', '=', userId)
    .where('thread_id', '=', threadId)
    .executeTakeFirst();
  return row?.last_read_number ?? 0;
};

/** Moves a read position forward only: `greatest` makes a late or replayed request harmless. */
export async function advanceReadPosition(db: Db, input: { userId: string; threadId: string; number: number }) {
  await db
    .insertInto('read_states')
    .values({ user_id: input.userId, thread_id: input.threadId, last_read_number: input.number })
    .onConflict((oc) =>
      oc.columns(['user_id', 'thread_id']).doUpdateSet({
        last_read_number: sql`greatest(read_states.last_read_number, excluded.last_read_number)`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** "Tout marquer comme lu": every thread of the space, up to its latest post. */
export async function markSpaceRead(db: Db, input: { userId: string; spaceId: string }) {
  await sql`insert into read_states (user_id, thread_id, last_read_number)
    select ${input.userId}::uuid, threads.id, threads.last_number from threads
    where threads.space_id = ${input.spaceId}::uuid and threads.last_number > 0
    on conflict (user_id, thread_id) do update
      set last_read_number = greatest(read_states.last_read_number, excluded.last_read_number),
          updated_at = now()`.execute(db);
}

/** The first post after the position that the reader did not write, for "jump to the first unread". */
export const firstUnreadPost = (db: Db, input: { userId: string; threadId: string; afterNumber: number }) =>
  db
    .selectFrom('posts')
    .select(['id', 'number'])
    .where('thread_id', '=', input.threadId)
    .where('number', '>', input.afterNumber)
    .where('deleted_at', 'is', null)
    .where('author_id', '<>', input.userId)
    .orderBy('number')
    .limit(1)
    .executeTakeFirst();

/**
 * Unread posts in each space the user actively belongs to, up to `UNREAD_COUNT_MAX` each. Only
 * threads with posts past the reader's position (`last_number`) are opened, so a space read to
 * the end costs a look at its threads, never at their posts.
 */
export const unreadBySpace = (db: Db, userId: string) =>
  sql<{ space_id: string; unread_count: number | string }>`
    select m.space_id, (select count(*) from (
        select 1 from threads t
        left join read_states rs on rs.thread_id = t.id and rs.user_id = ${userId}
        join posts p on p.thread_id = t.id and p.number > coalesce(rs.last_read_number, 0)
        where t.space_id = m.space_id and t.last_number > coalesce(rs.last_read_number, 0)
          and p.deleted_at is null and p.author_id <> ${userId}
        limit ${UNREAD_COUNT_MAX}) as unread) as unread_count
    from memberships m
    where m.user_id = ${userId} and m.status = 'active'
    order by m.space_id`
    .execute(db)
    .then((result) => result.rows);

/** The number of a post of this very thread (undefined for a post of another thread). */
export const findPostNumber = (db: Db, threadId: string, postId: string) =>
  db.selectFrom('posts').select('number').where('id', '=', postId).where('thread_id', '=', threadId).executeTakeFirst();
