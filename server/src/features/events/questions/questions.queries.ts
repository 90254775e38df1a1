import type { QuestionStatus } from '@atelier/contract';
import { sql } from 'kysely';
import type { Db } from '../../../db/database';

/**
 * Questions with what their card shows: the author's name, the space a transmitted question
 * went to and the thread there that quotes it (none for a question handed over before such
 * threads), and whether `viewerId` (null for anonymous visitors) voted for it.
 */
function selectQuestions(db: Db, viewerId: string | null) {
  return db
    .selectFrom('questions')
    .innerJoin('users as author', 'author.id', 'questions.author_id')
    .leftJoin('spaces as transmitted', 'transmitted.id', 'questions.transmitted_space_id')
    .leftJoin('question_transmissions as handed', (join) =>
      join
        .onRef('handed.question_id', '=', 'questions.id')
        .onRef('handed.space_id', '=', 'questions.transmitted_space_id'),
    )
    .select([
      'questions.id',
      'questions.event_id',
      'questions.body',
      'questions.status',
      'questions.votes',
      'questions.revision',
      'questions.created_at',
      'author.id as author_id',
      'author.display_name as author_name',
      'transmitted.id as transmitted_id',
      'transmitted.slug as transmitted_slug',
      'transmitted.title as transmitted_title',
      'handed.thread_id as transmitted_thread_id',
      viewerId === null
        ? sql<boolean>`false`.as('voted')
        : sql<boolean>`exists (select 1 from question_votes qv
            where qv.question_id = questions.id and qv.user_id = ${viewerId})`.as('voted'),
    ]);
}

export type QuestionRecord = Awaited<ReturnType<ReturnType<typeof selectQuestions>['executeTakeFirstOrThrow']>>;

/** An event's questions: the one being answered first, then the most voted, then the oldest. */
export const listQuestions = (db: Db, eventId: string, viewerId: string | null) =>
  selectQuestions(db, viewerId)
    .where('questions.event_id', '=', eventId)
    .orderBy(sql`questions.status = 'current'`, 'desc')
    .orderBy('questions.votes', 'desc')
    .orderBy('questions.created_at', 'asc')
    .orderBy('questions.id', 'asc')
    .execute();

export const findQuestion = (db: Db, questionId: string, viewerId: string | null) =>
  selectQuestions(db, viewerId).where('questions.id', '=', questionId).executeTakeFirst();

export const insertQuestion = (db: Db, values: { eventId: string; authorId: string; body: string }) =>
  db
    .insertInto('questions')
    .values({ event_id: values.eventId, author_id: values.authorId, body: values.body })
    .returning('id')
    .executeTakeFirstOrThrow();

/**
 * Records one person's vote and bumps the counter, in the caller's transaction. The primary
 * key (question, person) makes a second vote insert nothing, and then the counter is left
 * alone; the `votes + 1` update takes the question row's lock, so concurrent votes add up
 * exactly. Returns whether this call added a vote.
 */
export async function addVote(trx: Db, questionId: string, userId: string): Promise<boolean> {
  const inserted = await trx
    .insertInto('question_votes')
    .values({ question_id: questionId, user_id: userId })
    .onConflict((oc) => oc.columns(['question_id', 'user_id']).doNothing())
    .returning('question_id')
    .executeTakeFirst();
  if (!inserted) return false;
  await trx
    .updateTable('questions')
    .set({ votes: sql`votes + 1`, revision: sql`revision + 1` })
    .where('id', '=', questionId)
    .execute();
  return true;
}

/** Takes one person's vote back, the mirror of addVote. Returns whether there was one. */
export async function removeVote(trx: Db, questionId: string, userId: string): Promise<boolean> {
  const deleted = await trx
    .deleteFrom('question_votes')
    .where('question_id', '=', questionId)
    .where('user_id', '=', userId)
    .returning('question_id')
    .executeTakeFirst();
  if (!deleted) return false;
  await trx
    .updateTable('questions')
    .set({ votes: sql`votes - 1`, revision: sql`revision + 1` })
    .where('id', '=', questionId)
    .execute();
  return true;
}

/**
 * Puts the event's current question (other than `exceptId`) back to `open`; returns the ids
 * changed (none or one, as the partial unique index allows only one current question).
 */
export const reopenCurrent = (trx: Db, eventId: string, exceptId: string) =>
  trx
    .updateTable('questions')
    .set({ status: 'open', updated_at: sql`now()`, revision: sql`revision + 1` })
    .where('event_id', '=', eventId)
    .where('status', '=', 'current')
    .where('id', '<>', exceptId)
    .returning('id')
    .execute();

export const setQuestionStatus = (
  trx: Db,
  questionId: string,
  values: { status: QuestionStatus; transmittedSpaceId: string | null },
) =>
  trx
    .updateTable('questions')
    .set({
      status: values.status,
      transmitted_space_id: values.transmittedSpaceId,
      updated_at: sql`now()`,
      revision: sql`revision + 1`,
    })
    .where('id', '=', questionId)
    .execute();

/**
 * Takes the event row's lock for a change of question statuses (`for no key update`: it does
 * not block registrations' foreign keys), so two animateur·ices clicking at once are ordered.
 */
export async function lockEventQuestions(trx: Db, eventId: string) {
  await trx.selectFrom('events').select('id').where('id', '=', eventId).forNoKeyUpdate().execute();
}
