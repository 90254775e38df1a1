import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import type { Jobs } from '../../plugins/jobs';
import { type VapidKeys, vapidKeysSource } from './vapid';

export interface PushDeps {
  db: Db;
  jobs: Pick<Jobs, 'enqueue'>;
  vapidKeys: () => Promise<VapidKeys>;
  /** The contact push services may write to about our pushes (`mailto:` or `https:`). */
  subject: string;
  /**
   * Outside production, endpoints on this machine (`http://127.0.0.1:…`) are accepted, so that
   * tests can stand in for a push service; in production only https to a host name.
   */
  allowLoopback: boolean;
  now: () => Date;
  log: FastifyBaseLogger;
}

export function pushDepsOf(app: FastifyInstance, config: Config): PushDeps {
  return {
    db: app.db,
    jobs: app.jobs,
    vapidKeys: vapidKeysSource(app.db, config.push.vapidKeys),
    subject: config.push.subject,
    allowLoopback: !config.production,
    now: () => new Date(),
    log: app.log,
  };
}
