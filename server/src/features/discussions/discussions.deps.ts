import type { Db } from '../../db/database';
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
}
