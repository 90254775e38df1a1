import { sql } from 'kysely';
import type { Db } from '../../db/database';

/** Infolettres: drafts and issues, their archive, recipients, deliveries and delivery counts. */

const selectNewsletters = (db: Db) =>
  db
    .selectFrom('newsletters')
    .leftJoin('users as author', 'author.id', 'newsletters.author_id')
    .selectAll('newsletters')
    .select([
      'author.display_name as author_name',
      // The archive's order: when it went out (or began to), a draft by its creation.
      sql<string>`coalesce(newsletters.sent_at, newsletters.send_started_at, newsletters.created_at)::text`.as(
        'sort_key',
      ),
    ]);

export type NewsletterRecord = Awaited<ReturnType<ReturnType<typeof selectNewsletters>['executeTakeFirstOrThrow']>>;

export const findNewsletter = (db: Db, id: string) =>
  selectNewsletters(db).where('newsletters.id', '=', id).executeTakeFirst();

/** The issues being sent, oldest first. */
export const findSendingNewsletters = (db: Db) =>
  db.selectFrom('newsletters').select('id').where('status', '=', 'sending').orderBy('send_started_at').execute();

/**
 * The row, locked until the transaction ends: a send, an edit and the send job's batches of
 * one issue take turns, so that two sends cannot both see a draft and no batch overlaps another.
 */
export const lockNewsletter = (trx: Db, id: string) =>
  selectNewsletters(trx).where('newsletters.id', '=', id).forUpdate('newsletters').executeTakeFirst();

export const insertNewsletter = (
  db: Db,
  values: { spaceId: string; authorId: string; subject: string; body: string },
) =>
  db
    .insertInto('newsletters')
    .values({ space_id: values.spaceId, author_id: values.authorId, subject: values.subject, body: values.body })
    .returning('id')
    .executeTakeFirstOrThrow();

/** Changes a draft; an issue already sending or sent is left as it is (no row → the caller says 409). */
export const updateDraft = (db: Db, id: string, changes: { subject?: string | undefined; body?: string | undefined }) =>
  db
    .updateTable('newsletters')
    .set({
      ...(changes.subject === undefined ? {} : { subject: changes.subject }),
      ...(changes.body === undefined ? {} : { body: changes.body }),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .returning('id')
    .executeTakeFirst();

export const deleteDraft = (db: Db, id: string) =>
  db.deleteFrom('newsletters').where('id', '=', id).where('status', '=', 'draft').returning('id').executeTakeFirst();

/** Where a page of the archive ends: drafts first, then newest first, then id. */
export interface NewsletterCursor {
  draft: boolean;
  at: string;
  id: string;
}

/** One page of a space's archive; drafts only for those who manage it. */
export async function listNewsletters(
  db: Db,
  input: { spaceId: string; withDrafts: boolean; cursor: NewsletterCursor | null; limit: number },
) {
  let query = selectNewsletters(db)
    .select(sql<boolean>`newsletters.status = 'draft'`.as('is_draft'))
    .where('newsletters.space_id', '=', input.spaceId);
  if (!input.withDrafts) query = query.where('newsletters.status', '<>', 'draft');
  const { cursor } = input;
  if (cursor) {
    query = query.where(
      sql<boolean>`(newsletters.status = 'draft', coalesce(newsletters.sent_at, newsletters.send_started_at, newsletters.created_at), newsletters.id) < (${cursor.draft}, ${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
    );
  }
  return query
    .orderBy(sql`newsletters.status = 'draft'`, 'desc')
    .orderBy(sql`coalesce(newsletters.sent_at, newsletters.send_started_at, newsletters.created_at)`, 'desc')
    .orderBy('newsletters.id', 'desc')
    .limit(input.limit + 1)
    .execute();
}

/** The people an issue of the space goes to: its active members who did not opt out. */
const recipientsOf = (db: Db, spaceId: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .where('memberships.space_id', '=', spaceId)
    .where('memberships.status', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('newsletter_opt_outs as out')
            .select('out.user_id')
            .whereRef('out.user_id', '=', 'memberships.user_id')
            .where('out.space_id', '=', spaceId),
        ),
      ),
    );

export async function countRecipients(db: Db, spaceId: string): Promise<number> {
  const row = await recipientsOf(db, spaceId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next people to mail: recipients of the space this issue has not reached yet, by id. */
export const nextRecipients = (db: Db, input: { newsletterId: string; spaceId: string; limit: number }) =>
  recipientsOf(db, input.spaceId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('newsletter_deliveries as d')
            .select('d.user_id')
            .where('d.newsletter_id', '=', input.newsletterId)
            .whereRef('d.user_id', '=', 'memberships.user_id'),
        ),
      ),
    )
    .select(['users.id', 'users.email', 'users.display_name', 'users.locale'])
    .orderBy('users.id')
    .limit(input.limit)
    .execute();

/**
 * Claims these people for the issue: the ones returned had no delivery yet and are now the
 * caller's to mail, in its transaction. Anyone another run already claimed is left out.
 */
export async function claimDeliveries(trx: Db, newsletterId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await trx
    .insertInto('newsletter_deliveries')
    .values(userIds.map((userId) => ({ newsletter_id: newsletterId, user_id: userId })))
    .onConflict((conflict) => conflict.columns(['newsletter_id', 'user_id']).doNothing())
    .returning('user_id')
    .execute();
  return new Set(rows.map((row) => row.user_id));
}

/** Ties each delivery to its outbox row, in one statement. */
export async function recordOutboxIds(trx: Db, newsletterId: string, mailed: { userId: string; outboxId: string }[]) {
  if (mailed.length === 0) return;
  const values = sql.join(mailed.map((m) => sql`(${m.userId}::uuid, ${m.outboxId}::uuid)`));
  await sql`update newsletter_deliveries as d set outbox_id = v.outbox_id
    from (values ${values}) as v(user_id, outbox_id)
    where d.newsletter_id = ${newsletterId} and d.user_id = v.user_id`.execute(trx);
}

/** The send request's change: a draft becomes `sending`, with who sent it and to how many then. */
export const markSending = (trx: Db, id: string, values: { sentBy: string; recipientCount: number }) =>
  trx
    .updateTable('newsletters')
    .set({
      status: 'sending',
      sent_by: values.sentBy,
      send_started_at: new Date(),
      recipient_count: values.recipientCount,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();

/** Every mail is queued: the issue is sent, to exactly the people it has a delivery for. */
export const markSent = (trx: Db, id: string) =>
  trx
    .updateTable('newsletters')
    .set((eb) => ({
      status: 'sent',
      sent_at: new Date(),
      recipient_count: eb
        .selectFrom('newsletter_deliveries')
        .select(eb.fn.countAll<number>().as('n'))
        .where('newsletter_id', '=', id),
    }))
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .executeTakeFirst();

/**
 * How the mails went, from their outbox rows: delivered (or kept, without SMTP),
 * failed for good, and still queued. A delivery without a mail (an address the outbox
 * refused) counts as failed.
 */
export async function deliveryCounts(db: Db, newsletterId: string) {
  const row = await db
    .selectFrom('newsletter_deliveries as d')
    .leftJoin('mail_outbox as m', 'm.id', 'd.outbox_id')
    .select([
      sql<number>`count(*) filter (where m.status in ('sent', 'kept'))`.as('sent'),
      sql<number>`count(*) filter (where m.status = 'failed' or m.id is null)`.as('failed'),
      sql<number>`count(*) filter (where m.status = 'queued')`.as('queued'),
    ])
    .where('d.newsletter_id', '=', newsletterId)
    .executeTakeFirstOrThrow();
  return { sent: Number(row.sent), failed: Number(row.failed), queued: Number(row.queued) };
}
