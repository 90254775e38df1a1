import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Db } from '../../db/database';
import type { Jobs } from '../../plugins/jobs';
import { type EventsDeps, eventsDepsOf } from '../events/events.deps';
import { createDigestsMailer, type DigestsMailer } from './digests.mail';

export interface DigestsDeps {
  db: Db;
  mailer: DigestsMailer;
  /** Runs, their batches, and the next scheduled run. */
  jobs: Pick<Jobs, 'enqueue'>;
  /** The agenda's own deps: series occurrences and the next permanence are read through them. */
  events: EventsDeps;
  /** Base of every link and of the unsubscribe addresses. */
  publicUrl: string;
  now: () => Date;
  log: Pick<FastifyBaseLogger, 'info' | 'error'>;
}

export function digestsDepsOf(app: FastifyInstance, options: { publicUrl: string }): DigestsDeps {
  return {
    db: app.db,
    mailer: createDigestsMailer(app.mail, options.publicUrl),
    jobs: app.jobs,
    events: eventsDepsOf(app, options),
    publicUrl: options.publicUrl,
    now: () => new Date(),
    log: app.log,
  };
}
