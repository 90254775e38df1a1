import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Config } from '../config';
import type { MailSender, OutgoingMail } from '../core/mail';
import type { Db } from '../db/database';
import { AppError } from '../errors';
import { deliverOutboxMessage, type MailTransport } from './mail/delivery';
import { insertOutboxMessage } from './mail/outbox.queries';

declare module 'fastify' {
  interface FastifyInstance {
    mail: MailSender;
  }
}

declare module './jobs' {
  interface JobPayloads {
    'mail.send': { outboxId: string };
  }
}

/** Five tries: retries after 30 s, 1, 2 and 4 min, each stretched up to twice by jitter (8 to 15 min in all). */
const MAIL_QUEUE = { attempts: 5, retryDelaySeconds: 30, expireInSeconds: 300 };

// One plain address per message (no display name, list or header break), and a one-line subject.
const RecipientSchema = z.email();
const LINE_BREAKS = /[\r\n]+/g;

function createTransport(config: Config): MailTransport | null {
  if (!config.smtpUrl) return null;
  return nodemailer.createTransport({
    url: config.smtpUrl,
    // nodemailer waits minutes by default; a job should fail fast and retry instead.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

/**
 * Outgoing mail through a durable outbox. `mail_outbox` records every message and its fate;
 * the job `mail.send` delivers it via SMTP (`SMTP_URL`) or, without SMTP, marks it `kept` so
 * that developers read it on the local mailbox page.
 */
export const mailPlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const { config } = options;
    const transport = createTransport(config);
    const deps = {
      db: app.db,
      transport,
      from: config.mailFrom,
      messageIdDomain: new URL(config.publicUrl).hostname,
      log: app.log,
    };

    app.jobs.work(
      'mail.send',
      (job) =>
        deliverOutboxMessage(deps, {
          outboxId: job.data.outboxId,
          attempt: job.attempt,
          maxAttempts: job.maxAttempts,
        }),
      MAIL_QUEUE,
    );

    const send = async (db: Db, mail: OutgoingMail) => {
      const to = mail.to.trim();
      if (!RecipientSchema.safeParse(to).success)
        throw new AppError('invalid_input', 'mail needs one recipient address');
      const { id } = await insertOutboxMessage(db, { ...mail, to, subject: mail.subject.replace(LINE_BREAKS, ' ') });
      await app.jobs.enqueue(db, 'mail.send', { outboxId: id });
      return { outboxId: id };
    };

    app.decorate('mail', {
      send: (executor, mail) =>
        executor.isTransaction ? send(executor, mail) : executor.transaction().execute((trx) => send(trx, mail)),
    } satisfies MailSender);
  },
  { name: 'mail', dependencies: ['db', 'jobs'] },
);
