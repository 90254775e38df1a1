import type { Locale, PushMessage } from '@atelier/contract';
import type { Db } from '../../db/database';
import type { JobContext, Jobs } from '../../plugins/jobs';
import { eventPushMessage, type PushTopic, postPushMessage } from './push.content';
import type { PushDeps } from './push.deps';
import {
  claim,
  deleteExpiredSubscription,
  eventPushFacts,
  findSubscription,
  hasSubscription,
  holdsSeat,
  listSubscriptions,
  localeOf,
  postPushFacts,
  pruneClaims,
  seatHoldersWithDevices,
} from './push.queries';
import { sendPushRequest } from './web-push-request';

type Urgency = 'normal' | 'high';

declare module '../../plugins/jobs' {
  interface JobPayloads {
    /** Tells one person's devices of one thing; the text is written when it runs, in their language. */
    'push.notify': { userId: string; topic: PushTopic };
    /** One message to one device, retried alone when its push service is busy. */
    'push.deliver': { subscriptionId: string; message: PushMessage; ttlSeconds: number; urgency: Urgency };
    /** At an event's start, its seat holders' devices; `startsAt` is the start it was planned for. */
    'push.event-start': { eventId: string; startsAt: string };
  }
}

const HOUR = 3600;
const DAY = 24 * HOUR;
/** A push nobody could receive in time is not worth keeping: a start is old news after an hour. */
const DELIVERY: Record<PushTopic['kind'], { ttlSeconds: number; urgency: Urgency }> = {
  mention: { ttlSeconds: DAY, urgency: 'normal' },
  reply: { ttlSeconds: DAY, urgency: 'normal' },
  promoted: { ttlSeconds: DAY, urgency: 'high' },
  event_start: { ttlSeconds: HOUR, urgency: 'high' },
};
/** How long a job's claim is kept: far longer than any retry of that job. */
const CLAIM_DAYS = 7;

type Enqueuer = Pick<Jobs, 'enqueue'> | null;

// ── Hooks: where other features decide who hears of something ──

/**
 * Queues a push for the person in the caller's transaction, so that it exists exactly when the
 * change commits. Someone without a device gets no job at all (most people, most of the time).
 */
export async function queuePush(jobs: Enqueuer, trx: Db, userId: string, topic: PushTopic) {
  if (!jobs || !(await hasSubscription(trx, userId))) return;
  await jobs.enqueue(trx, 'push.notify', { userId, topic });
}

/**
 * The mentioned and answered whom post-mails.service.ts decided to tell (their `mentions` /
 * `replies` setting is `each`, and they may read the space) hear it on their devices too.
 */
export async function queuePostPushes(
  jobs: Enqueuer,
  trx: Db,
  postId: string,
  rows: ReadonlyArray<{ userId: string; reason: 'mention' | 'reply' | 'space_post' }>,
) {
  for (const { userId, reason } of rows) {
    if (reason !== 'space_post') await queuePush(jobs, trx, userId, { kind: reason, postId });
  }
}

/** Plans the event's start push beside its reminders (reminders.ts); a moved event plans another. */
export async function scheduleStartPush(
  deps: { jobs: Enqueuer; now: () => Date },
  trx: Db,
  event: { id: string; starts_at: Date },
) {
  const startsAt = new Date(event.starts_at);
  if (!deps.jobs || startsAt <= deps.now()) return;
  await deps.jobs.enqueue(
    trx,
    'push.event-start',
    { eventId: event.id, startsAt: startsAt.toISOString() },
    { startAfter: startsAt },
  );
}

// ── Jobs ──

async function messageFor(db: Db, locale: Locale, userId: string, topic: PushTopic): Promise<PushMessage | null> {
  if ('postId' in topic) {
    const post = await postPushFacts(db, topic.postId);
    return post ? postPushMessage(locale, topic.kind, post) : null; // deleted meanwhile
  }
  const event = await eventPushFacts(db, topic.eventId);
  // Cancelled since, or the seat given up: nothing to announce.
  if (!event || event.cancelled_at || !(await holdsSeat(db, event.id, userId))) return null;
  return eventPushMessage(locale, topic.kind, event);
}

/**
 * `push.notify`: the message in the person's language, then one delivery job per device, in
 * one transaction with the job's claim — a run repeated after a crash finds the claim and
 * queues nothing twice.
 */
export async function notifyPerson(
  deps: Pick<PushDeps, 'db' | 'jobs' | 'now'>,
  job: Pick<JobContext<'push.notify'>, 'id' | 'data'>,
) {
  const { userId, topic } = job.data;
  const locale = await localeOf(deps.db, userId);
  if (!locale) return;
  const message = await messageFor(deps.db, locale, userId, topic);
  if (!message) return;
  await deps.db.transaction().execute(async (trx) => {
    if (!(await claim(trx, `notify:${job.id}`))) return;
    for (const subscription of await listSubscriptions(trx, userId)) {
      await deps.jobs.enqueue(trx, 'push.deliver', {
        subscriptionId: subscription.id,
        message,
        ...DELIVERY[topic.kind],
      });
    }
    await pruneClaims(trx, new Date(deps.now().getTime() - CLAIM_DAYS * DAY * 1000));
  });
}

/**
 * `push.deliver`: one request to the device's push service. A subscription the service says is
 * gone (404, 410) is deleted; a busy service (429, 5xx, no answer) makes the job fail, to be
 * retried with backoff; a refusal (400, 403, 413 …) is logged and not retried.
 */
export async function deliver(
  deps: Pick<PushDeps, 'db' | 'vapidKeys' | 'subject' | 'log'>,
  job: { data: { subscriptionId: string; message: PushMessage; ttlSeconds: number; urgency: Urgency } },
) {
  const { subscriptionId, message, ttlSeconds, urgency } = job.data;
  const subscription = await findSubscription(deps.db, subscriptionId);
  if (!subscription) return; // removed meanwhile
  const keys = await deps.vapidKeys();
  const outcome = await sendPushRequest({
    subscription,
    payload: JSON.stringify(message),
    vapid: { ...keys, subject: deps.subject },
    ttlSeconds,
    urgency,
  });
  if (outcome.kind === 'gone') {
    await deleteExpiredSubscription(deps.db, subscription.id, subscription.endpoint);
  } else if (outcome.kind === 'retry') {
    throw new Error(`push delivery to be retried: ${outcome.reason}`);
  } else if (outcome.kind === 'refused') {
    deps.log.warn({ subscriptionId, status: outcome.status }, 'push refused by the push service');
  }
}

/**
 * `push.event-start`, due at the event's start: a notify job for each seat holder with a
 * device. Nothing for an event cancelled, moved (the move planned its own job) or over.
 */
export async function announceStart(
  deps: Pick<PushDeps, 'db' | 'jobs' | 'now'>,
  payload: { eventId: string; startsAt: string },
) {
  const event = await eventPushFacts(deps.db, payload.eventId);
  if (!event || event.cancelled_at) return;
  if (new Date(event.starts_at).toISOString() !== payload.startsAt) return;
  if (new Date(event.ends_at) <= deps.now()) return;
  await deps.db.transaction().execute(async (trx) => {
    if (!(await claim(trx, `start:${event.id}:${payload.startsAt}`))) return;
    for (const userId of await seatHoldersWithDevices(trx, event.id)) {
      await deps.jobs.enqueue(trx, 'push.notify', { userId, topic: { kind: 'event_start', eventId: event.id } });
    }
  });
}
