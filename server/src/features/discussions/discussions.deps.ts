import type { Db } from '../../db/database';
import type { Jobs } from '../../plugins/jobs';
import type { Transactional } from '../../plugins/realtime/types';
import type { DiscussionsMailer } from './discussions.mail';

export interface DiscussionsDeps {
  db: Db;
  /**
   * Runs `work` in one transaction with a `publish` bound to it: the change, its realtime
   * events and its mail all commit together or not at all. In the app this is
   * `app.realtime.transaction`; tests may pass a recorder.
   */
  transaction: Transactional;
  mailer: DiscussionsMailer;
  /** Work done after the change commits (notifying a thread's followers). */
  jobs: Pick<Jobs, 'enqueue'>;
}
