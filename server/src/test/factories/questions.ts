import type { Db } from '../../db/database';
import type { TestContext } from '../app';
import { request } from '../http';
import type { TestPerson } from './people';

/** Questions asked through the API, and the rows tests read back. */

export async function createQuestion(
  ctx: TestContext,
  person: TestPerson,
  eventId: string,
  body = 'Comment rejoindre un chantier ?',
) {
  const response = await request(ctx, person, 'POST', `/api/events/${eventId}/questions`, { body });
  if (response.statusCode !== 201) throw new Error(`ask failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { question: { id: string; votes: number; status: string } }).question;
}

export const questionRows = (db: Db, eventId: string) =>
  db.selectFrom('questions').selectAll().where('event_id', '=', eventId).orderBy('id').execute();

export const voteRows = (db: Db, questionId: string) =>
  db.selectFrom('question_votes').select('user_id').where('question_id', '=', questionId).execute();
