import { actorOnly, authorize } from '../../core/authorize';
import { canViewEvent } from '../../policy/events.policy';
import { type Actor, canRunDigests, type MembershipFacts } from '../../policy/policy';
import { findUserById } from '../accounts/accounts.queries';
import { eventSpaceFacts } from '../events/events.access';
import { findEvent } from '../events/events.queries';
import { ensureOccurrences, getNextPermanence } from '../events/events.service';
import { seatCountsOf } from '../events/registrations/registrations.queries';
import { listSpaceModes } from '../mail-settings/mail-settings.queries';
import { spaceModeOf } from '../mail-settings/mail-settings.service';
import { unsubscribeLinks } from '../mail-settings/unsubscribe';
import { toMembershipFacts } from '../spaces/spaces.access';
import { listMembershipsOfUser } from '../spaces/spaces.queries';
import type { DigestsDeps } from './digests.deps';
import type { DigestEvent, DigestSpace } from './digests.mail';
import { claimDelivery, listDigestCandidates } from './digests.queries';
import {
  type DigestWindow,
  digestEvent,
  EVENTS_AHEAD_MS,
  loadSpaceNews,
  readerView,
  type SpaceNews,
} from './news.service';
import { type DigestPeriod, nextRunAt, periodKey, periodStart } from './schedule';

declare module '../../plugins/jobs' {
  interface JobPayloads {
    /**
     * One run of a period's digests at `at` (ISO): enqueues the people in batches. A
     * `scheduled` run (the 07:00 Paris one) also plans the next; a run asked for by an
     * admin does not.
     */
    'digests.run': { period: DigestPeriod; at: string; scheduled: boolean };
    /** The digests of a few people for the run at `at`. */
    'digests.send': { period: DigestPeriod; at: string; userIds: string[] };
  }
}

/** People per `digests.send` job: each is its own small transaction, a batch a few seconds. */
const BATCH_SIZE = 100;

/** The key of a scheduled run in the queue: one per period and instant. */
const runKey = (period: DigestPeriod, at: Date) => `${period}:${at.toISOString()}`;

/**
 * Plans the period's next scheduled run (07:00 Paris) after `after`, unless it is planned
 * already. Every process calls it at start-up and every scheduled run calls it for the
 * following one; the run's key keeps one job per run however many processes try at once.
 */
export async function planNextRun(deps: Pick<DigestsDeps, 'db' | 'jobs' | 'now'>, period: DigestPeriod, after?: Date) {
  const at = nextRunAt(period, after ?? deps.now());
  await deps.jobs.enqueue(
    deps.db,
    'digests.run',
    { period, at: at.toISOString(), scheduled: true },
    { startAfter: at, singletonKey: runKey(period, at) },
  );
  return at;
}

/** `POST /admin/digests/run`: the period's digests, now (admins: operators and tests). */
export async function requestRun(
  deps: Pick<DigestsDeps, 'db' | 'jobs' | 'now'>,
  input: { actor: Actor; period: DigestPeriod },
) {
  authorize(actorOnly(input.actor, 'digests'), canRunDigests(input.actor), 'only admins run digests');
  await deps.jobs.enqueue(deps.db, 'digests.run', {
    period: input.period,
    at: deps.now().toISOString(),
    scheduled: false,
  });
}

/**
 * The job `digests.run`: the people who may be due a digest, in batches of `BATCH_SIZE`, one
 * `digests.send` job each, all enqueued in one transaction. Who gets what is decided per
 * person when their batch runs, so a membership that ended meanwhile is not mailed about.
 */
export async function runDigests(deps: DigestsDeps, job: { period: DigestPeriod; at: string; scheduled: boolean }) {
  const at = new Date(job.at);
  // First, so that a run that fails for good still leaves the chain going. A run that starts
  // a little early on this process's clock still plans the one after it.
  if (job.scheduled) await planNextRun(deps, job.period, new Date(Math.max(at.getTime(), deps.now().getTime())));
  // The agenda writes a series' occurrences when first read that far ahead; the digests read it.
  await ensureOccurrences(deps.events, { from: at, to: new Date(at.getTime() + EVENTS_AHEAD_MS) });
  const key = periodKey(job.period, at);
  const enqueued = await deps.db.transaction().execute(async (trx) => {
    let afterId: string | null = null;
    let people = 0;
    for (;;) {
      const rows = await listDigestCandidates(trx, { period: job.period, periodKey: key, afterId, limit: BATCH_SIZE });
      if (rows.length === 0) return people;
      await deps.jobs.enqueue(trx, 'digests.send', {
        period: job.period,
        at: job.at,
        userIds: rows.map((row) => row.id),
      });
      people += rows.length;
      afterId = rows.at(-1)?.id ?? null;
      if (rows.length < BATCH_SIZE) return people;
    }
  });
  deps.log.info({ period: job.period, periodKey: key, people: enqueued }, 'digests: run enqueued');
}

/** What one batch reads once for all its people: each space's news, and the next permanence. */
function batchCache(deps: DigestsDeps, window: DigestWindow) {
  const spaces = new Map<string, Promise<SpaceNews | undefined>>();
  let permanence: Promise<Awaited<ReturnType<typeof loadPermanence>>> | undefined;
  return {
    space(spaceId: string) {
      let news = spaces.get(spaceId);
      if (!news) {
        news = loadSpaceNews(deps.db, spaceId, window);
        spaces.set(spaceId, news);
      }
      return news;
    },
    permanence() {
      permanence ??= loadPermanence(deps, window.until);
      return permanence;
    },
  };
}
type BatchCache = ReturnType<typeof batchCache>;

async function loadPermanence(deps: DigestsDeps, at: Date) {
  const next = await getNextPermanence(deps.events, { now: at });
  const record = next?.eventId ? await findEvent(deps.db, next.eventId) : undefined;
  if (!record || record.cancelled_at) return null;
  return { record, counts: await seatCountsOf(deps.db, record.id) };
}

/**
 * The job `digests.send`: each person's digest in turn. One person's failure (a bad address)
 * does not hold back the others; the job fails at the end so that it is retried, and the
 * digests already recorded are not sent again.
 */
export async function sendDigests(deps: DigestsDeps, job: { period: DigestPeriod; at: string; userIds: string[] }) {
  const at = new Date(job.at);
  const window = { since: periodStart(job.period, at), until: at };
  const key = periodKey(job.period, at);
  const cache = batchCache(deps, window);
  const failed: string[] = [];
  for (const userId of job.userIds) {
    try {
      await sendDigestTo(deps, { userId, period: job.period, periodKey: key, window, cache });
    } catch (error) {
      deps.log.error({ err: error, userId, period: job.period, periodKey: key }, 'digests: one digest failed');
      failed.push(userId);
    }
  }
  if (failed.length > 0) throw new Error(`digests: ${failed.length} of ${job.userIds.length} digests failed`);
}

/**
 * One person's digest: the spaces whose mode (chosen, or the default) is the period, among
 * their active memberships as they are now, each cut by the policy to what they may read.
 * Nothing new anywhere: no mail. The delivery is recorded in the transaction that writes the
 * mail; a digest of this period key already recorded means no second one.
 */
export async function sendDigestTo(
  deps: DigestsDeps,
  input: { userId: string; period: DigestPeriod; periodKey: string; window: DigestWindow; cache: BatchCache },
): Promise<'sent' | 'nothing_new' | 'already_sent'> {
  const { userId, period, window, cache } = input;
  const person = await findUserById(deps.db, userId);
  if (!person) return 'nothing_new';
  const reader = { id: person.id, role: person.role };
  const spaces = (await listSpaceModes(deps.db, userId)).filter((row) => spaceModeOf(row) === period);
  if (spaces.length === 0) return 'nothing_new';
  const memberships = new Map<string, MembershipFacts>(
    (await listMembershipsOfUser(deps.db, userId)).map((row) => [row.space_id, toMembershipFacts(row)]),
  );

  const parts: Array<{ space: DigestSpace; headers: Record<string, string> }> = [];
  for (const row of spaces) {
    const news = await cache.space(row.space_id);
    if (!news) continue;
    const membership = memberships.get(row.space_id) ?? null;
    const view = await readerView(deps.db, { reader, membership, news, window });
    if (!view) continue;
    const links = await unsubscribeLinks(deps.db, deps.publicUrl, userId, { kind: 'space', spaceId: row.space_id });
    parts.push({ space: { ...view, unsubscribeUrl: links.pageUrl }, headers: links.headers });
  }
  const [first] = parts;
  if (!first) return 'nothing_new';

  let permanence: DigestEvent | null = null;
  const next = await cache.permanence();
  if (next) {
    const membership = next.record.space_id ? (memberships.get(next.record.space_id) ?? null) : null;
    if (canViewEvent(reader, { space: eventSpaceFacts(next.record), membership })) {
      const { record, counts } = next;
      permanence = await digestEvent(deps.db, { record, counts, reader, window, isNew: false });
    }
  }

  const sent = await deps.db.transaction().execute(async (trx) => {
    if (!(await claimDelivery(trx, { userId, period, periodKey: input.periodKey }))) return false;
    await deps.mailer.sendDigest(trx, {
      to: { email: person.email, displayName: person.display_name, locale: person.locale },
      period,
      spaces: parts.map((part) => part.space),
      permanence,
      headers: first.headers,
    });
    return true;
  });
  return sent ? 'sent' : 'already_sent';
}
