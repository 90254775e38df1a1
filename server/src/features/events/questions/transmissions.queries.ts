import type { Db } from '../../../db/database';

/** The thread of `spaceId` that gathers the questions `eventId` transmitted to it, if opened. */
export const findEventTransmission = (db: Db, eventId: string, spaceId: string) =>
  db
    .selectFrom('event_transmissions')
    .select('thread_id')
    .where('event_id', '=', eventId)
    .where('space_id', '=', spaceId)
    .executeTakeFirst();

export const insertEventTransmission = (db: Db, values: { eventId: string; spaceId: string; threadId: string }) =>
  db
    .insertInto('event_transmissions')
    .values({ event_id: values.eventId, space_id: values.spaceId, thread_id: values.threadId })
    .execute();

/** The post that already quotes the question in that space's thread, if any (undone or not). */
export const findQuestionTransmission = (db: Db, questionId: string, spaceId: string) =>
  db
    .selectFrom('question_transmissions')
    .select(['thread_id', 'post_id'])
    .where('question_id', '=', questionId)
    .where('space_id', '=', spaceId)
    .executeTakeFirst();

export const insertQuestionTransmission = (
  db: Db,
  values: { questionId: string; spaceId: string; threadId: string; postId: string },
) =>
  db
    .insertInto('question_transmissions')
    .values({
      question_id: values.questionId,
      space_id: values.spaceId,
      thread_id: values.threadId,
      post_id: values.postId,
    })
    .execute();

/** The ids of the space's active animateur·ices: who hears that a question reached it. */
export const listActiveAnimateurIds = async (db: Db, spaceId: string) =>
  (
    await db
      .selectFrom('memberships')
      .select('user_id')
      .where('space_id', '=', spaceId)
      .where('status', '=', 'active')
      .where('role', '=', 'animateur')
      .execute()
  ).map((row) => row.user_id);
