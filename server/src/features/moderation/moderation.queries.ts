import type { FlagReason, FlagTargetType, ModerationDecision } from '@atelier/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database';

const FLAG_COLUMNS = [
  'flags.id',
  'flags.target_type',
  'flags.target_id',
  'flags.space_id',
  'flags.flagged_by',
  'flags.reason',
  'flags.note',
  'flags.created_at',
  'flags.decision',
  'flags.decided_at',
] as const;

export type FlagRecord = Awaited<ReturnType<typeof findFlag>> & {};

/**
 * Records a flag unless the person already has one open on the thing (the partial unique index
 * `flags_open_once`): undefined then, and the caller answers with the open one.
 */
export async function insertFlag(
  db: Db,
  values: {
    targetType: FlagTargetType;
    targetId: string;
    spaceId: string | null;
    flaggedBy: string;
    reason: FlagReason;
    note: string | null;
  },
) {
  const { rows } = await sql<{ id: string }>`
    insert into flags (target_type, target_id, space_id, flagged_by, reason, note)
    values (${values.targetType}, ${values.targetId}, ${values.spaceId}, ${values.flaggedBy}, ${values.reason},
      ${values.note})
    on conflict (target_type, target_id, flagged_by) where decided_at is null do nothing
    returning id`.execute(db);
  return rows[0];
}

export const findFlag = (db: Db, id: string) =>
  db.selectFrom('flags').select(FLAG_COLUMNS).where('flags.id', '=', id).executeTakeFirst();

/** The person's open flag on the thing, if any. */
export const findOpenFlagOf = (db: Db, target: { type: FlagTargetType; id: string }, userId: string) =>
  db
    .selectFrom('flags')
    .select(FLAG_COLUMNS)
    .where('target_type', '=', target.type)
    .where('target_id', '=', target.id)
    .where('flagged_by', '=', userId)
    .where('decided_at', 'is', null)
    .executeTakeFirst();

/** How many distinct people have an open flag on the thing. */
export async function countOpenFlaggers(db: Db, target: { type: FlagTargetType; id: string }) {
  const row = await db
    .selectFrom('flags')
    .select(sql<number>`count(distinct flagged_by)`.as('n'))
    .where('target_type', '=', target.type)
    .where('target_id', '=', target.id)
    .where('decided_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The flag locked for a decision: two moderators deciding at once take turns, the second gets 409. */
export const lockFlag = (db: Db, id: string) =>
  db.selectFrom('flags').select(FLAG_COLUMNS).where('flags.id', '=', id).forUpdate().executeTakeFirst();

/** Closes every open flag of the thing with the decision; returns how many it closed. */
export async function closeOpenFlags(
  db: Db,
  target: { type: FlagTargetType; id: string },
  decision: { decision: ModerationDecision; decidedBy: string; note: string | null },
) {
  const rows = await db
    .updateTable('flags')
    .set({
      decision: decision.decision,
      decided_by: decision.decidedBy,
      decision_note: decision.note,
      decided_at: sql`now()`,
    })
    .where('target_type', '=', target.type)
    .where('target_id', '=', target.id)
    .where('decided_at', 'is', null)
    .returning(['id', 'decided_at'])
    .execute();
  return rows;
}

/**
 * The post's moderation state, its row locked (no key update) so that flags counted at once
 * and a decision take turns: the threshold is judged on committed flags.
 */
export const lockPostState = (db: Db, postId: string) =>
  db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .select([
      'posts.id',
      'posts.thread_id',
      'posts.author_id',
      'posts.hidden_at',
      'posts.deleted_at',
      'threads.space_id',
    ])
    .where('posts.id', '=', postId)
    .forNoKeyUpdate('posts')
    .executeTakeFirst();

/** Hides the post (by a moderator, or pending review when `hiddenBy` is null); true if it changed. */
export async function hidePost(db: Db, postId: string, hiddenBy: string | null) {
  const result = await db
    .updateTable('posts')
    .set({ hidden_at: sql`now()`, hidden_by: hiddenBy })
    .where('id', '=', postId)
    .where('hidden_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Shows a hidden post again; true if it changed. */
export async function unhidePost(db: Db, postId: string) {
  const result = await db
    .updateTable('posts')
    .set({ hidden_at: null, hidden_by: null })
    .where('id', '=', postId)
    .where('hidden_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Open flags, oldest first: of one space, or (`spaceId` undefined) of every space and none. */
export function listOpenFlags(db: Db, input: { spaceId?: string; limit: number }) {
  let query = db
    .selectFrom('flags')
    .select(FLAG_COLUMNS)
    .where('decided_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(input.limit);
  if (input.spaceId !== undefined) query = query.where('space_id', '=', input.spaceId);
  return query.execute();
}

/** What the queue shows of flagged posts: excerpt, thread, author, space. */
export const postTargets = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('posts')
        .innerJoin('threads', 'threads.id', 'posts.thread_id')
        .innerJoin('spaces', 'spaces.id', 'threads.space_id')
        .innerJoin('users as author', 'author.id', 'posts.author_id')
        .select([
          'posts.id',
          'posts.body',
          'posts.hidden_at',
          'posts.deleted_at',
          'threads.id as thread_id',
          'threads.title',
          'author.id as author_id',
          'author.display_name as author_name',
          'spaces.id as space_id',
          'spaces.slug as space_slug',
          'spaces.title as space_title',
        ])
        .where('posts.id', 'in', ids)
        .execute();

export const documentTargets = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('documents')
        .leftJoin('spaces', 'spaces.id', 'documents.space_id')
        .leftJoin('users as author', 'author.id', 'documents.created_by')
        .select([
          'documents.id',
          'documents.title',
          'documents.deleted_at',
          'author.id as author_id',
          'author.display_name as author_name',
          'spaces.id as space_id',
          'spaces.slug as space_slug',
          'spaces.title as space_title',
        ])
        .where('documents.id', 'in', ids)
        .execute();

export const fileTargets = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('files')
        .innerJoin('spaces', 'spaces.id', 'files.space_id')
        .leftJoin('users as author', 'author.id', 'files.uploaded_by')
        .select([
          'files.id',
          'files.name as title',
          'files.deleted_at',
          'author.id as author_id',
          'author.display_name as author_name',
          'spaces.id as space_id',
          'spaces.slug as space_slug',
          'spaces.title as space_title',
        ])
        .where('files.id', 'in', ids)
        .execute();
