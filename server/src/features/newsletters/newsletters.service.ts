import type {
  Newsletter,
  NewsletterCreateBody,
  NewsletterList,
  NewsletterSubscription,
  NewsletterUpdateBody,
} from '@atelier/contract';
import { z } from 'zod';
import { authorize } from '../../core/authorize';
import { decodeCursor, pageOf } from '../../core/cursors';
import { type IdempotencyRequest, idempotent } from '../../core/idempotency';
import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { AppError, notFound } from '../../errors';
import {
  canChooseNewsletters,
  canManageNewsletters,
  canReadNewsletter,
  canReadNewsletters,
} from '../../policy/newsletters.policy';
import type { Actor } from '../../policy/policy';
import { loadSpaceContext, type SpaceContext, spaceArchived } from '../spaces/spaces.access';
import { sanitizeNewsletterBody } from './newsletter-body';
import { isOptedOut, setOptedOut } from './newsletter-opt-outs.queries';
import { loadNewsletterContext } from './newsletters.access';
import { toNewsletter, toNewsletterSummary } from './newsletters.content';
import type { NewslettersDeps } from './newsletters.deps';
import {
  countRecipients,
  deleteDraft,
  deliveryCounts,
  findNewsletter,
  insertNewsletter,
  listNewsletters as listNewsletterRows,
  type NewsletterCursor,
  type NewsletterRecord,
  updateDraft,
} from './newsletters.queries';

const NewsletterCursorSchema: z.ZodType<NewsletterCursor> = z.object({
  draft: z.boolean(),
  at: z.string().refine((value) => !Number.isNaN(Date.parse(value))),
  id: z.string().refine(isUuid),
});

const alreadySent = () => new AppError('conflict', 'this infolettre was already sent: it can no longer change');

/**
 * An issue as `context.actor` sees it: those who manage the space get who a draft would reach
 * now and, once sending, how its mails went; other readers only what the archive shows.
 */
export async function newsletterView(db: Db, context: SpaceContext, row: NewsletterRecord): Promise<Newsletter> {
  const canManage = canManageNewsletters(context.actor, context.facts, context.membership);
  const currentRecipients = canManage && row.status === 'draft' ? await countRecipients(db, row.space_id) : 0;
  const counts = canManage && row.status !== 'draft' ? await deliveryCounts(db, row.id) : null;
  return toNewsletter(row, { currentRecipients, canManage, counts });
}

/** `GET /spaces/:slug/newsletters`: drafts first (for those who manage), then the issues, newest first. */
export async function listNewsletters(
  deps: Pick<NewslettersDeps, 'db'>,
  input: { actor: Actor; slug: string; cursor?: string | undefined; limit?: number | undefined },
): Promise<NewsletterList> {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canReadNewsletters(context.actor, context.facts, context.membership));
  const canManage = canManageNewsletters(context.actor, context.facts, context.membership);
  const limit = input.limit ?? 20;
  const rows = await listNewsletterRows(deps.db, {
    spaceId: context.space.id,
    withDrafts: canManage,
    cursor: decodeCursor(input.cursor, NewsletterCursorSchema),
    limit,
  });
  const page = pageOf(rows, limit, (last) => ({ draft: last.is_draft, at: last.sort_key, id: last.id }));
  const recipientCount = canManage ? await countRecipients(deps.db, context.space.id) : null;
  const { actor } = context;
  const chooses = actor !== null && canChooseNewsletters(actor, context.facts, context.membership);
  const subscribed = chooses ? !(await isOptedOut(deps.db, actor.id, context.space.id)) : null;
  return {
    items: page.rows.map((row) => toNewsletterSummary(row, recipientCount ?? 0)),
    nextCursor: page.nextCursor,
    canManage,
    recipientCount,
    subscribed,
  };
}

/** `GET /newsletters/:id`: a sent issue for the space's readers, a draft for those who manage it. */
export async function getNewsletter(deps: Pick<NewslettersDeps, 'db'>, input: { actor: Actor; id: string }) {
  const context = await loadNewsletterContext(deps.db, input.id, input.actor);
  authorize(context, canReadNewsletter(context.actor, context.facts, context.membership, context.newsletter));
  return newsletterView(deps.db, context, context.newsletter);
}

/** `POST /spaces/:slug/newsletters`: a draft, its body sanitized; accepts an Idempotency-Key. */
export async function createNewsletter(
  deps: NewslettersDeps,
  input: { actor: Actor; slug: string; body: NewsletterCreateBody; idempotencyKey?: string | undefined },
): Promise<Newsletter> {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canManageNewsletters(context.actor, context.facts, context.membership));
  const actor = context.actor;
  if (!actor) throw new Error('unreachable: the policy lets no anonymous visitor write an infolettre');
  if (context.space.status === 'archived') throw spaceArchived();
  const body = sanitizeNewsletterBody(input.body.body, deps.publicUrl);
  const key: IdempotencyRequest | null = input.idempotencyKey
    ? { userId: actor.id, key: input.idempotencyKey, route: `POST /spaces/${context.space.slug}/newsletters` }
    : null;
  const id = await deps.db.transaction().execute((trx) =>
    idempotent(trx, key, async () => {
      const row = await insertNewsletter(trx, {
        spaceId: context.space.id,
        authorId: actor.id,
        subject: input.body.subject,
        body,
      });
      return row.id;
    }),
  );
  const row = await findNewsletter(deps.db, id);
  if (!row) throw notFound('newsletter');
  return newsletterView(deps.db, context, row);
}

/** `PATCH /newsletters/:id`: a draft's subject or body; once sending or sent → 409 `conflict`. */
export async function updateNewsletter(
  deps: NewslettersDeps,
  input: { actor: Actor; id: string; changes: NewsletterUpdateBody },
): Promise<Newsletter> {
  const context = await loadNewsletterContext(deps.db, input.id, input.actor);
  authorize(context, canManageNewsletters(context.actor, context.facts, context.membership));
  if (context.newsletter.status !== 'draft') throw alreadySent();
  if (context.space.status === 'archived') throw spaceArchived();
  const body =
    input.changes.body === undefined ? undefined : sanitizeNewsletterBody(input.changes.body, deps.publicUrl);
  // Guarded by the status: a send that won the race leaves the draft's row untouched here.
  const updated = await updateDraft(deps.db, context.newsletter.id, { subject: input.changes.subject, body });
  if (!updated) throw alreadySent();
  const row = await findNewsletter(deps.db, context.newsletter.id);
  if (!row) throw notFound('newsletter');
  return newsletterView(deps.db, context, row);
}

/** `DELETE /newsletters/:id`: a draft only; what was sent stays in the archive. */
export async function deleteNewsletter(deps: NewslettersDeps, input: { actor: Actor; id: string }) {
  const context = await loadNewsletterContext(deps.db, input.id, input.actor);
  authorize(context, canManageNewsletters(context.actor, context.facts, context.membership));
  if (context.newsletter.status !== 'draft') throw alreadySent();
  if (!(await deleteDraft(deps.db, context.newsletter.id))) throw alreadySent();
}

/** `PUT /spaces/:slug/newsletters/subscription`: an active member receives the space's infolettres, or not. */
export async function setSubscription(
  deps: Pick<NewslettersDeps, 'db'>,
  input: { actor: Actor; slug: string; subscribed: boolean },
): Promise<NewsletterSubscription> {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(
    context,
    canChooseNewsletters(context.actor, context.facts, context.membership),
    'only members of the space receive its infolettres',
  );
  if (!context.actor) throw new Error('unreachable: the policy lets no anonymous visitor choose');
  await setOptedOut(deps.db, context.actor.id, context.space.id, !input.subscribed);
  return { subscribed: input.subscribed };
}
