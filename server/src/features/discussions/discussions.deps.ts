import type { DiscussionEventType } from '@atelier/contract';
import type { Db } from '../../db/database';
import type { DiscussionsMailer } from './discussions.mail';

/** Stores a realtime event in the current transaction (emitted once it commits). */
export type Publish = (room: string, type: DiscussionEventType, data: unknown) => Promise<unknown>;

export interface DiscussionsDeps {
  db: Db;
  /**
   * Runs `work` in one transaction with a `publish` bound to it: the change, its realtime
   * events and its mail all commit together or not at all. In the app this is
   * `app.realtime.transaction`; tests may pass a recorder.
   */
  transaction<T>(work: (trx: Db, publish: Publish) => Promise<T>): Promise<T>;
  mailer: DiscussionsMailer;
}

export const rooms = {
  thread: (id: string) => `thread:${id}`,
  space: (id: string) => `space:${id}`,
  user: (id: string) => `user:${id}`,
};

/** A transaction whose events go nowhere: for callers without the realtime plugin. */
export const silentTransaction =
  (db: Db): DiscussionsDeps['transaction'] =>
  (work) =>
    db.transaction().execute((trx) => work(trx, async () => undefined));
