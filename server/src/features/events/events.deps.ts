import type { Db } from '../../db/database';
import type { Jobs } from '../../plugins/jobs';
import type { EventsMailer } from './events.mail';

/** Stores a realtime event in the current transaction (emitted once it commits). */
export type Publish = (room: string, type: string, data: unknown) => Promise<unknown>;

export interface EventsDeps {
  db: Db;
  /**
   * Runs `work` in one transaction with a `publish` bound to it: the change, its realtime
   * events, its mail and its jobs commit together or not at all (`app.realtime.transaction`).
   */
  transaction<T>(work: (trx: Db, publish: Publish) => Promise<T>): Promise<T>;
  mailer: EventsMailer;
  /** Reminder jobs; null where no job runner exists (the seed). */
  jobs: Pick<Jobs, 'enqueue'> | null;
  /** Base of the links (calendar feed URL). */
  publicUrl: string;
  now: () => Date;
}

export const eventRoom = (id: string) => `event:${id}`;

/** A transaction whose events go nowhere: for callers without the realtime plugin. */
export const silentTransaction =
  (db: Db): EventsDeps['transaction'] =>
  (work) =>
    db.transaction().execute((trx) => work(trx, async () => undefined));
