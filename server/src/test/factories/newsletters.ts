import type { Db } from '../../db/database';
import type { NewslettersDeps } from '../../features/newsletters/newsletters.deps';
import type { TestContext } from '../app';

/** Infolettres written straight to the database, and the deps their services take. */

/**
 * A draft by default; `sent` is an issue already out (sent now, to `recipientCount` people),
 * without deliveries or mails — enough for access and archive tests.
 */
export async function createNewsletter(
  db: Db,
  values: {
    spaceId: string;
    authorId: string;
    status?: 'draft' | 'sent';
    subject?: string;
    body?: string;
    recipientCount?: number;
    sentAt?: Date;
  },
) {
  const sent = values.status === 'sent';
  const sentAt = values.sentAt ?? new Date();
  return db
    .insertInto('newsletters')
    .values({
      space_id: values.spaceId,
      author_id: values.authorId,
      subject: values.subject ?? (sent ? 'Infolettre de décembre' : 'Brouillon de janvier'),
      body: values.body ?? '<p>Les nouvelles de l’espace.</p>',
      status: values.status ?? 'draft',
      ...(sent
        ? {
            sent_by: values.authorId,
            send_started_at: sentAt,
            sent_at: sentAt,
            recipient_count: values.recipientCount ?? 0,
          }
        : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The newsletters' deps on a test app; `overrides` swap a piece (a mailer that crashes, a small batch). */
export const newslettersDeps = (ctx: TestContext, overrides: Partial<NewslettersDeps> = {}): NewslettersDeps => ({
  db: ctx.database.db,
  jobs: ctx.app.jobs,
  mail: ctx.app.mail,
  publicUrl: ctx.config.publicUrl,
  batchSize: 200,
  log: ctx.app.log,
  ...overrides,
});
