import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database';
import type { Jobs } from '../../plugins/jobs';
import type { Transactional } from '../../plugins/realtime/types';
import { createEventsMailer, type EventsMailer } from './events.mail';

export interface EventsDeps {
  db: Db;
  /**
   * Runs `work` in one transaction with a `publish` bound to it: the change, its realtime
   * events, its mail and its jobs commit together or not at all (`app.realtime.transaction`).
   */
  transaction: Transactional;
  mailer: EventsMailer;
  /** Reminder jobs; null where no job runner exists (the seed). */
  jobs: Pick<Jobs, 'enqueue'> | null;
  /** Base of the links (calendar feed URL). */
  publicUrl: string;
  now: () => Date;
}

/** The events deps of the app: its database, realtime transactions, mail and jobs. */
export function eventsDepsOf(
  app: FastifyInstance,
  options: { publicUrl: string; now?: (() => Date) | undefined },
): EventsDeps {
  return {
    db: app.db,
    transaction: app.realtime.transaction,
    mailer: createEventsMailer(app.mail, options.publicUrl),
    jobs: app.jobs,
    publicUrl: options.publicUrl,
    now: options.now ?? (() => new Date()),
  };
}
