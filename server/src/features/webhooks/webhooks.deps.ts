import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import type { Jobs } from '../../plugins/jobs';
import { type Resolve, systemResolve } from './webhook-request';
import { createWebhooksMailer, type WebhooksMailer } from './webhooks.mail';

export interface WebhooksDeps {
  db: Db;
  jobs: Pick<Jobs, 'enqueue'>;
  mailer: WebhooksMailer;
  publicUrl: string;
  /** Plain http to this machine is allowed (WEBHOOKS_ALLOW_HTTP_LOOPBACK, tests only). */
  allowLoopback: boolean;
  /** How host names become addresses; tests give names private addresses. */
  resolve: Resolve;
  /** Consecutive failed deliveries after which a webhook is switched off. */
  disableAfter: number;
  now: () => Date;
  log: FastifyBaseLogger;
}

/** Five deliveries in a row that failed (each after its retries) switch a webhook off. */
export const WEBHOOK_DISABLE_AFTER = 5;

export function webhooksDepsOf(app: FastifyInstance, config: Config): WebhooksDeps {
  return {
    db: app.db,
    jobs: app.jobs,
    mailer: createWebhooksMailer(app.mail, config.publicUrl),
    publicUrl: config.publicUrl,
    allowLoopback: config.webhooksAllowHttpLoopback,
    resolve: systemResolve,
    disableAfter: WEBHOOK_DISABLE_AFTER,
    now: () => new Date(),
    log: app.log,
  };
}
