import type { NewsletterSendResult } from '@atelier/contract';
import { authorize } from '../../core/authorize';
import { AppError, notFound } from '../../errors';
import { canManageNewsletters } from '../../policy/newsletters.policy';
import type { Actor } from '../../policy/policy';
import { spaceArchived } from '../spaces/spaces.access';
import { findSpaceById } from '../spaces/spaces.queries';
import { loadNewsletterContext } from './newsletters.access';
import type { NewslettersDeps } from './newsletters.deps';
import { issueMail, sendIssueTo } from './newsletters.mail';
import {
  claimDeliveries,
  countRecipients,
  findNewsletter,
  findSendingNewsletters,
  lockNewsletter,
  markSending,
  markSent,
  nextRecipients,
  recordOutboxIds,
} from './newsletters.queries';
import { newsletterView } from './newsletters.service';

declare module '../../plugins/jobs' {
  interface JobPayloads {
    /** Mails the next batch of an issue's recipients, then enqueues itself until everyone has theirs. */
    'newsletters.send': { newsletterId: string };
    /** Restarts the sends whose job gave up (every retry failed); runs about once an hour. */
    'newsletters.resume': Record<string, never>;
  }
}

/** At most one waiting send job per issue. */
const sendJob = (newsletterId: string) => ({ singletonKey: newsletterId });

/**
 * `POST /newsletters/:id/send`: the draft becomes `sending` and the first batch's job is
 * queued, in one transaction that holds the issue's row. A second send — even one arriving at
 * the same moment in another process — waits for that lock, then finds the issue no longer a
 * draft: 409 `conflict`, and nothing is queued twice.
 */
export async function sendNewsletter(
  deps: NewslettersDeps,
  input: { actor: Actor; id: string },
): Promise<NewsletterSendResult> {
  const context = await loadNewsletterContext(deps.db, input.id, input.actor);
  authorize(context, canManageNewsletters(context.actor, context.facts, context.membership));
  const actor = context.actor;
  if (!actor) throw new Error('unreachable: the policy lets no anonymous visitor send');
  if (context.space.status === 'archived') throw spaceArchived();
  const recipients = await deps.db.transaction().execute(async (trx) => {
    const row = await lockNewsletter(trx, context.newsletter.id);
    if (!row) throw notFound('newsletter');
    if (row.status !== 'draft') throw new AppError('conflict', 'this infolettre was already sent');
    const count = await countRecipients(trx, row.space_id);
    await markSending(trx, row.id, { sentBy: actor.id, recipientCount: count });
    await deps.jobs.enqueue(trx, 'newsletters.send', { newsletterId: row.id }, sendJob(row.id));
    return count;
  });
  const row = await findNewsletter(deps.db, context.newsletter.id);
  if (!row) throw notFound('newsletter');
  return { recipients, newsletter: await newsletterView(deps.db, context, row) };
}

export type BatchOutcome = 'more' | 'sent' | 'nothing';

/**
 * One batch of the send job, in one transaction: lock the issue, take the next `batchSize`
 * recipients it has not reached (active members who did not opt out, asked now, so that
 * someone who left or opted out since the send is skipped), claim a delivery row for each —
 * the primary key is what forbids a second mail —, write their mails to the outbox, and either
 * queue the next batch or, when none is left, mark the issue sent.
 *
 * A crash anywhere rolls the batch back whole (deliveries, mails and their jobs alike), and
 * the job's retry starts it again; batches already committed are never redone. Two runs of
 * the same job (a retry racing a slow first run) take turns on the row lock, and the second
 * finds those people already delivered.
 */
export async function deliverNextBatch(deps: NewslettersDeps, newsletterId: string): Promise<BatchOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockNewsletter(trx, newsletterId);
    // Deleted with its space, or finished by another run: nothing left to do.
    if (row?.status !== 'sending') return 'nothing';
    const space = await findSpaceById(trx, row.space_id);
    if (!space) return 'nothing';
    const people = await nextRecipients(trx, {
      newsletterId: row.id,
      spaceId: row.space_id,
      limit: deps.batchSize,
    });
    const claimed = await claimDeliveries(
      trx,
      row.id,
      people.map((person) => person.id),
    );
    const issue = issueMail(row, { id: space.id, slug: space.slug, title: space.title });
    const mailed: { userId: string; outboxId: string }[] = [];
    for (const person of people) {
      if (!claimed.has(person.id)) continue;
      try {
        const { outboxId } = await sendIssueTo(deps, trx, issue, {
          id: person.id,
          email: person.email,
          locale: person.locale,
        });
        mailed.push({ userId: person.id, outboxId });
      } catch (error) {
        // An address the outbox refuses (checked before it writes anything) must not hold the
        // whole issue back: the delivery stays, without a mail, and counts as failed.
        if (!(error instanceof AppError && error.code === 'invalid_input')) throw error;
        deps.log.warn({ newsletterId, userId: person.id }, 'newsletter: address refused by the outbox');
      }
    }
    await recordOutboxIds(trx, row.id, mailed);
    if (people.length < deps.batchSize) {
      await markSent(trx, row.id);
      return 'sent';
    }
    await deps.jobs.enqueue(trx, 'newsletters.send', { newsletterId: row.id }, sendJob(row.id));
    return 'more';
  });
}

/**
 * An issue stays `sending` until its last batch: if a batch failed on every retry (the
 * database or the outbox down for hours), nothing would take it up again. This queues a send
 * job for every issue still sending that has none waiting, and the batches carry on where
 * they stopped. Returns how many were queued.
 */
export async function resumeStalledSends(deps: Pick<NewslettersDeps, 'db' | 'jobs'>): Promise<number> {
  let queued = 0;
  for (const { id } of await findSendingNewsletters(deps.db)) {
    if (await deps.jobs.enqueue(deps.db, 'newsletters.send', { newsletterId: id }, sendJob(id))) queued += 1;
  }
  return queued;
}
