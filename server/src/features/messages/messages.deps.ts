import type { Db } from '../../db/database';
import type { Jobs } from '../../plugins/jobs';
import type { Transactional } from '../../plugins/realtime/types';
import type { MessagesMailer } from './messages.mail';

export interface MessagesDeps {
  db: Db;
  /** `app.realtime.transaction`: the message, its events and its mail jobs commit together. */
  transaction: Transactional;
  jobs: Pick<Jobs, 'enqueue'>;
  mailer: MessagesMailer;
  now: () => Date;
}
