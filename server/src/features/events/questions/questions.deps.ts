import type { Db } from '../../../db/database';
import type { Transactional } from '../../../plugins/realtime/types';
import type { DiscussionsDeps } from '../../discussions/discussions.deps';

export interface QuestionsDeps {
  db: Db;
  /**
   * Runs `work` in one transaction with a `publish` bound to it, so a change and the event
   * announcing it commit together: `app.realtime.transaction` in the app.
   */
  transaction: Transactional;
  /** The clock that opens and closes the questions; tests pass a fixed one. */
  now: () => Date;
  /** How a transmitted question is posted in a space's thread (its realtime events, jobs, mail). */
  discussions: DiscussionsDeps;
}
