import type { Db } from '../db/database';

/** One message, as a feature composes it (`renderMail` in `mail-content.ts` makes both parts). */
export interface OutgoingMail {
  to: string;
  subject: string;
  /** The plain-text part, always present. */
  text: string;
  html?: string | undefined;
  /**
   * Headers besides the usual ones: `List-Unsubscribe` and `List-Unsubscribe-Post` on every
   * mail that is not transactional (see `features/mail-settings/unsubscribe.ts`).
   */
  headers?: Record<string, string> | undefined;
}

/**
 * The one way out for mail, `app.mail` in the app (`plugins/mail.ts`); features' mailers
 * (`*.mail.ts`) take it as a dependency. Writes the message to the outbox and enqueues its
 * delivery through `executor`: inside the caller's transaction both exist only if it commits;
 * with the plain db they are written in a transaction of their own. Delivery happens later,
 * in whichever process takes the job.
 */
export interface MailSender {
  send(executor: Db, mail: OutgoingMail): Promise<{ outboxId: string }>;
}
