import type { Db } from '../../../db/database';
import type { Transactional } from '../../../plugins/realtime/types';

export interface QuestionsDeps {
  db: Db;
  /**
   * Runs `work` in one transaction with a `publish` bound to it, so a change and the event
   * announcing it commit together: `app.realtime.transaction` in the app.
   */
  transaction: Transactional;
  /** The clock that opens and closes the questions; tests pass a fixed one. */
  now: () => Date;
}
