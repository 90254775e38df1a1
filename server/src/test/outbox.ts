import type { Db } from '../db/database';

/** The mails kept in the outbox for `address`, oldest first. */
export const mailsTo = (db: Db, address: string) =>
  db
    .selectFrom('mail_outbox')
    .select(['subject', 'text_body', 'html_body'])
    .where('to_address', '=', address)
    .orderBy('created_at')
    .execute();
