import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Db } from '../../db/database';
import type { Jobs } from '../../plugins/jobs';
import type { DiscussionsDeps } from '../discussions/discussions.deps';
import { createDiscussionsMailer } from '../discussions/discussions.mail';
import { createReplyByMailMailer, type ReplyByMailMailer } from './reply-by-mail.mail';

export interface ReplyByMailDeps {
  db: Db;
  /** Answers are posted through the discussions' own service: same policy, events and notices. */
  discussions: DiscussionsDeps;
  mailer: ReplyByMailMailer;
  jobs: Pick<Jobs, 'enqueue'>;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  /** Base of the links in refusal mails. */
  publicUrl: string;
  now: () => Date;
}

export function replyByMailDepsOf(app: FastifyInstance, options: { publicUrl: string; groupSeconds: number }) {
  return {
    db: app.db,
    discussions: {
      db: app.db,
      transaction: app.realtime.transaction,
      mailer: createDiscussionsMailer(app.mail, options),
      jobs: app.jobs,
    },
    mailer: createReplyByMailMailer(app.mail),
    jobs: app.jobs,
    log: app.log,
    publicUrl: options.publicUrl,
    now: () => new Date(),
  } satisfies ReplyByMailDeps;
}
