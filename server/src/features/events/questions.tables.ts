import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Table types of `migrations/202611291310_event_questions.ts` (questions and votes). */
export interface QuestionsTable {
  id: Generated<string>;
  event_id: string;
  author_id: string;
  body: string;
  status: Generated<'open' | 'current' | 'answered' | 'transmitted'>;
  transmitted_space_id: string | null;
  /** Kept equal to the number of `question_votes` rows, in the voting transaction. */
  votes: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface QuestionVotesTable {
  question_id: string;
  user_id: string;
  created_at: CreatedAt;
}

/** Who came to an event, as marked by those who run it. */
export interface AttendancesTable {
  event_id: string;
  user_id: string;
  marked_by: string | null;
  created_at: CreatedAt;
}

export interface QuestionsTables {
  questions: QuestionsTable;
  question_votes: QuestionVotesTable;
  attendances: AttendancesTable;
}
