import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database';
import { findOutboxMessage, markKept, markSent, recordAttempt, recordFailure } from './outbox.queries';

/** The part of a nodemailer transport that delivery uses (tests pass a fake). */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html?: string;
    messageId: string;
    headers?: Record<string, string>;
  }): Promise<unknown>;
}

export interface DeliveryDeps {
  db: Db;
  /** null: no SMTP configured, messages are kept in the outbox. */
  transport: MailTransport | null;
  from: string;
  /** Right-hand side of Message-IDs, e.g. the public host name. */
  messageIdDomain: string;
  log: Pick<FastifyBaseLogger, 'warn'>;
}

export interface DeliveryAttempt {
  outboxId: string;
  attempt: number;
  maxAttempts: number;
}

/** An SMTP 5xx reply is a refusal that retrying cannot change (unknown mailbox, policy…). */
const isPermanent = (error: unknown) => {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/**
 * Delivers one outbox message, at most once per successful send: a message that is no longer
 * `queued` is left alone, so a retried or duplicated job never mails it twice. Between the SMTP
 * server's acceptance and `markSent` a crash can still resend it on retry; the Message-ID is the
 * outbox id, stable across attempts, so receiving systems can recognise the duplicate.
 * Throws on a transient failure so that the job queue retries with backoff.
 */
export async function deliverOutboxMessage(deps: DeliveryDeps, job: DeliveryAttempt): Promise<void> {
  const { db, transport, log } = deps;
  const message = await findOutboxMessage(db, job.outboxId);
  if (!message) {
    log.warn({ outboxId: job.outboxId }, 'mail job for a message that no longer exists');
    return;
  }
  if (message.status !== 'queued') return;
  if (!transport) {
    await markKept(db, message.id);
    return;
  }

  await recordAttempt(db, message.id);
  try {
    await transport.sendMail({
      from: deps.from,
      to: message.to_address,
      subject: message.subject,
      text: message.text_body,
      ...(message.html_body ? { html: message.html_body } : {}),
      ...(message.headers ? { headers: message.headers } : {}),
      messageId: `<${message.id}@${deps.messageIdDomain}>`,
    });
  } catch (error) {
    const permanent = isPermanent(error);
    const final = permanent || job.attempt >= job.maxAttempts;
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    await recordFailure(db, message.id, reason, final);
    log.warn({ outboxId: message.id, attempt: job.attempt, final, err: error }, 'mail delivery failed');
    if (permanent) return;
    throw error;
  }
  await markSent(db, message.id);
}
