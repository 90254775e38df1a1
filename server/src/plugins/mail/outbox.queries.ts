import type { Db } from '../../db/database';

export interface NewOutboxMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  headers?: Record<string, string> | undefined;
}

export const insertOutboxMessage = (db: Db, message: NewOutboxMessage) =>
  db
    .insertInto('mail_outbox')
    .values({
      to_address: message.to,
      subject: message.subject,
      text_body: message.text,
      html_body: message.html ?? null,
      headers: message.headers ? JSON.stringify(message.headers) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export const findOutboxMessage = (db: Db, id: string) =>
  db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * The status moves only out of `queued`: every update below is guarded by it, so a retry or a
 * second process that arrives late changes nothing on a message already sent, kept or failed.
 */
const whileQueued = (db: Db, id: string) =>
  db.updateTable('mail_outbox').where('id', '=', id).where('status', '=', 'queued');

export const recordAttempt = (db: Db, id: string) =>
  whileQueued(db, id)
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .executeTakeFirst();

export const markSent = (db: Db, id: string) =>
  whileQueued(db, id).set({ status: 'sent', sent_at: new Date(), last_error: null }).executeTakeFirst();

/** Without SMTP the outbox is the mailbox: the message stays here for the development page. */
export const markKept = (db: Db, id: string) => whileQueued(db, id).set({ status: 'kept' }).executeTakeFirst();

export const recordFailure = (db: Db, id: string, error: string, final: boolean) =>
  whileQueued(db, id)
    .set(final ? { last_error: error, status: 'failed' } : { last_error: error })
    .executeTakeFirst();

/** Newest first, for the development mailbox; `to` matches regardless of case. */
export const listOutbox = (db: Db, options: { to?: string | undefined; limit: number }) => {
  let query = db.selectFrom('mail_outbox').selectAll();
  if (options.to) query = query.where((eb) => eb(eb.fn('lower', ['to_address']), '=', options.to!.toLowerCase()));
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
};
