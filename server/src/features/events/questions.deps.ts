import type { Db } from '../../db/database';

/** The realtime events of the live question queue, in room `event:<id>`. */
export type QuestionEventType = 'question.created' | 'question.updated';

/** Stores a realtime event in the current transaction (emitted once it commits). */
export type QuestionPublish = (room: string, type: QuestionEventType, data: unknown) => Promise<unknown>;

export interface QuestionsDeps {
  db: Db;
  /**
   * Runs `work` in one transaction with a `publish` bound to it, so a change and the event
   * announcing it commit together: `app.realtime.transaction` in the app.
   */
  transaction<T>(work: (trx: Db, publish: QuestionPublish) => Promise<T>): Promise<T>;
  /** The clock that opens and closes the questions; tests pass a fixed one. */
  now: () => Date;
}

export { eventRoom } from './events.deps';
