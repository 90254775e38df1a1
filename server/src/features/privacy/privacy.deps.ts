import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database';
import type { AccessChange } from '../../plugins/access';
import type { Jobs } from '../../plugins/jobs';
import type { Transactional } from '../../plugins/realtime/types';
import type { EventsDeps } from '../events/events.deps';
import { eventsDepsOf } from '../events/events.deps';
import type { FileStorage } from '../resources/file-storage';
import { createPrivacyMailer, type PrivacyMailer } from './privacy.mail';

/** What the privacy services take; built once by the routes, faked or narrowed by tests. */
export interface PrivacyDeps {
  db: Db;
  /** One transaction with realtime publishing: an erasure's cancelled seats are announced. */
  transaction: Transactional;
  jobs: Pick<Jobs, 'enqueue'>;
  mailer: PrivacyMailer;
  /** Where files, avatars and built exports live. */
  storage: FileStorage;
  /** The events' deps: cancelling a registration promotes the waitlist and mails as usual. */
  events: EventsDeps;
  accessChanged(change: AccessChange): Promise<void>;
  now: () => Date;
}

export function privacyDepsOf(app: FastifyInstance, options: { publicUrl: string; storage: FileStorage }): PrivacyDeps {
  return {
    db: app.db,
    transaction: app.realtime.transaction,
    jobs: app.jobs,
    mailer: createPrivacyMailer(app.mail, options.publicUrl),
    storage: options.storage,
    events: eventsDepsOf(app, { publicUrl: options.publicUrl }),
    accessChanged: (change) => app.access.changed(change),
    now: () => new Date(),
  };
}
