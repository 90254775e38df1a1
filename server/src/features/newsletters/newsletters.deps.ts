import type { FastifyBaseLogger } from 'fastify';
import type { MailSender } from '../../core/mail';
import type { Db } from '../../db/database';
import type { Jobs } from '../../plugins/jobs';

/** What the newsletters' services take; built once by the routes, faked or narrowed by tests. */
export interface NewslettersDeps {
  db: Db;
  jobs: Pick<Jobs, 'enqueue'>;
  mail: MailSender;
  /** Base of every link in the mails and of the links a body carries. */
  publicUrl: string;
  /** People mailed per transaction by the send job (200; tests make it small). */
  batchSize: number;
  log: Pick<FastifyBaseLogger, 'warn'>;
}
