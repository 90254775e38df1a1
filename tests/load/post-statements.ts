/**
 * The equal-work baseline of `posts.ts`: the statements the server runs for
 * `POST /api/threads/:id/posts` with an Idempotency-Key and no mention, written out as SQL and
 * sent from the benchmark process. Each mirrors a function of the server:
 *
 * - the session behind the cookie (`plugins/auth/sessions.queries.ts` findSession);
 * - the thread, its space and the author's membership (`discussions/threads.queries.ts`
 *   findThreadWithSpace);
 * - in one transaction: the key's claim (`core/idempotency.queries.ts` claimKey), the post with
 *   its number and the author's follow (`discussions/posts.queries.ts` insertPostInThread), its
 *   event in the thread's and the space's rooms (`plugins/realtime/events.queries.ts`
 *   insertEvents), the notification job (pg-boss's own INSERT, as `plugins/jobs.ts` sends it)
 *   and the stored answer (storeResponse).
 *
 * If the server's path changes, this file must follow: `posts.ts` compares the rows each side
 * writes per post and says so in its result (`equalWork`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { hashSecret } from '@atelier/server/src/core/secrets';
import { repoRoot } from '../support/server';
import type { RawConnection } from './common';

const SESSION = `select "sessions"."id" as "sessionId", "sessions"."csrf_token", "sessions"."last_seen_at",
  "sessions"."expires_at", "users".*
  from "sessions" inner join "users" on "users"."id" = "sessions"."user_id"
  where "sessions"."token_hash" = $1`;

const THREAD_WITH_SPACE = `select "spaces"."id", "spaces"."slug", "spaces"."kind", "spaces"."title", "spaces"."summary",
  "spaces"."description", "spaces"."goals", "spaces"."period", "spaces"."partners", "spaces"."audience",
  "spaces"."visibility", "spaces"."join_policy", "spaces"."status",
  "threads"."id" as "thread_id", "threads"."title" as "thread_title", "threads"."locked" as "thread_locked",
  "m"."user_id" as "member_id", "m"."role" as "member_role", "m"."status" as "member_status"
  from "threads" inner join "spaces" on "spaces"."id" = "threads"."space_id"
  left join "memberships" as "m" on "m"."space_id" = "spaces"."id" and "m"."user_id" = $1
  where "threads"."id" = $2`;

const CLAIM_KEY = `insert into "idempotency_keys" ("user_id", "key", "route", "response") values ($1, $2, $3, $4)
  on conflict ("user_id", "key") do nothing returning "key"`;

const INSERT_POST = `with thread as (
    update threads set last_number = last_number + 1, post_count = post_count + 1, last_post_at = now()
    where id = $1 and not locked
    returning id, last_number
  ), post as (
    insert into posts (thread_id, number, author_id, body, reply_to_id, quote_post_id, mentions)
    select id, last_number, $2, $3, $4, $5, $6::uuid[]
    from thread
    returning id, number, created_at
  ), follow as (
    insert into thread_follows (user_id, thread_id, following)
    select $7, id, true from thread
    on conflict (user_id, thread_id) do nothing
  )
  select id, number, created_at from post`;

const INSERT_EVENTS = `with input as (
    select * from jsonb_to_recordset($1::jsonb) as i(ord int, room text, payload uuid)
  ), payloads as (
    insert into realtime_payloads (id, type, data)
    select id, type, data from jsonb_to_recordset($2::jsonb) as p(id uuid, type text, data jsonb)
  ), counts as (
    insert into realtime_rooms as r (room, seq)
    select room, count(*) from input group by room order by room
    on conflict (room) do update set seq = r.seq + excluded.seq
    returning room, seq
  )
  insert into realtime_events (room, seq, payload_id)
  select i.room, c.seq - count(*) over w + row_number() over (w order by i.ord), i.payload
  from input i join counts c on c.room = i.room
  window w as (partition by i.room)
  returning room, seq, payload_id`;

const STORE_RESPONSE = `update "idempotency_keys" set "response" = $1 where "user_id" = $2 and "key" = $3`;

// pg-boss builds its INSERT at start-up; the server's own copy gives the very same text.
const requireFromServer = createRequire(join(repoRoot, 'server', 'package.json'));
const plans = requireFromServer('pg-boss/src/plans.js') as { insertJob(schema: string): string };
const INSERT_JOB = plans.insertJob('pgboss');

/** What a post needs to know of its author and thread. */
export interface PostTarget {
  /** The session cookie's value (the token), as the browser sends it. */
  sessionToken: string;
  userId: string;
  displayName: string;
  spaceId: string;
  threadId: string;
}

/** The session token out of a `Cookie` header such as `atelier_session=…`. */
export const sessionTokenOf = (cookie: string) => {
  const token = /(?:^|;\s*)atelier_session=([^;]+)/.exec(cookie)?.[1];
  if (!token) throw new Error('no session cookie');
  return decodeURIComponent(token);
};

/** One post, statement by statement, as the server writes it. */
export async function writePostAsServer(db: RawConnection, target: PostTarget, body: string): Promise<void> {
  const [session] = await db.query(SESSION, [hashSecret(target.sessionToken)]);
  if (!session) throw new Error('equal-work post: unknown session');
  const [thread] = await db.query<{ member_status: string | null }>(THREAD_WITH_SPACE, [
    target.userId,
    target.threadId,
  ]);
  if (thread?.member_status !== 'active') throw new Error('equal-work post: not a member of the thread’s space');
  const key = randomBytes(12).toString('hex');
  await db.transaction(async (trx) => {
    await trx.query(CLAIM_KEY, [target.userId, key, `POST /threads/${target.threadId}/posts`, null]);
    const [row] = await trx.query<{ id: string; created_at: Date | string }>(INSERT_POST, [
      target.threadId,
      target.userId,
      body,
      null,
      null,
      [],
      target.userId,
    ]);
    if (!row) throw new Error('equal-work post: the thread is locked');
    const post = {
      id: row.id,
      threadId: target.threadId,
      author: { id: target.userId, displayName: target.displayName, avatarUrl: null },
      body,
      createdAt: new Date(row.created_at).toISOString(),
      editedAt: null,
      deletedAt: null,
      replyToId: null,
      quotePostId: null,
      reactions: [],
      mentions: [],
    };
    const payload = { id: randomUUID(), type: 'post.created', data: { post } };
    const rooms = [`thread:${target.threadId}`, `space:${target.spaceId}`];
    await trx.query(INSERT_EVENTS, [
      JSON.stringify(rooms.map((room, ord) => ({ room, payload: payload.id, ord }))),
      JSON.stringify([payload]),
    ]);
    // pg-boss's 19 values for `send(name, data)` without options: id, name, data, priority,
    // then start, singleton, dead letter, expiry, retention and retry settings left to the queue.
    const job = { postId: row.id, mentionedIds: [], repliedToAuthorId: null };
    await trx.query(INSERT_JOB, [
      null,
      'discussions.notify',
      JSON.stringify(job),
      0,
      ...Array.from({ length: 15 }, () => null),
    ]);
    await trx.query(STORE_RESPONSE, [JSON.stringify({ post }), target.userId, key]);
  });
}

/**
 * Rows written per post in `threadIds` (the opening post of each thread, written with the
 * thread, left out): room events, event payloads, idempotency keys and notification jobs.
 * Equal work writes the same rows as the server.
 */
export async function rowsPerPost(db: RawConnection, threadIds: string[]) {
  const [row] = await db.query<Record<string, number | string>>(
    `with p as (select id from posts where thread_id = any($1::uuid[]) and number > 1)
    select
      (select count(*) from p) as posts,
      (select count(*) from realtime_events e join realtime_payloads pl on pl.id = e.payload_id
        where pl.type = 'post.created' and (pl.data -> 'post' ->> 'id')::uuid in (select id from p)) as events,
      (select count(*) from realtime_payloads pl
        where pl.type = 'post.created' and (pl.data -> 'post' ->> 'id')::uuid in (select id from p)) as payloads,
      (select count(*) from idempotency_keys k
        where k.route in (select 'POST /threads/' || t || '/posts' from unnest($1::text[]) as t)) as keys,
      (select count(*) from pgboss.job j
        where j.name = 'discussions.notify' and (j.data ->> 'postId')::uuid in (select id from p)) as jobs`,
    [threadIds],
  );
  const posts = Number(row?.posts ?? 0);
  const per = (name: string) => (posts > 0 ? Number((Number(row?.[name] ?? 0) / posts).toFixed(2)) : 0);
  return {
    posts,
    eventsPerPost: per('events'),
    payloadsPerPost: per('payloads'),
    keysPerPost: per('keys'),
    jobsPerPost: per('jobs'),
  };
}
