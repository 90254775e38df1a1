import type { Db } from '../../../db/database';
import { mailChoices } from '../../mail-settings/mail-settings.service';
import { scheduleStartPush } from '../../push/delivery.service';
import { mailFacts, mailRecipient } from '../events.content';
import type { EventsDeps } from '../events.deps';
import type { ReminderKind } from '../events.mail';
import { findEvent } from '../events.queries';
import { claimReminders, recipientOf, skipReminders } from './registrations.queries';

declare module '../../../plugins/jobs' {
  interface JobPayloads {
    /** Reminds the seat holders of one event; `startsAt` is the start it was planned for. */
    'events.reminder': { eventId: string; kind: ReminderKind; startsAt: string };
  }
}

/** How long before the start each reminder goes out. */
export const REMINDER_LEAD_MS: Record<ReminderKind, number> = { day: 24 * 60 * 60_000, hour: 60 * 60_000 };
const KINDS: ReminderKind[] = ['day', 'hour'];

/**
 * Plans the event's reminders as delayed jobs, in the caller's transaction. One job per event
 * and kind (not per person): when it runs it reminds whoever holds a seat then. A job planned
 * for a start that has since moved finds a different start and does nothing; the move plans
 * new ones.
 */
export async function scheduleReminders(
  deps: Pick<EventsDeps, 'jobs' | 'now'>,
  trx: Db,
  event: { id: string; starts_at: Date },
) {
  if (!deps.jobs) return;
  const startsAt = new Date(event.starts_at);
  for (const kind of KINDS) {
    const at = new Date(startsAt.getTime() - REMINDER_LEAD_MS[kind]);
    if (at <= deps.now()) continue;
    const payload = { eventId: event.id, kind, startsAt: startsAt.toISOString() };
    await deps.jobs.enqueue(trx, 'events.reminder', payload, {
      startAfter: at,
      singletonKey: `${event.id}:${kind}:${payload.startsAt}`,
    });
  }
  await scheduleStartPush(deps, trx, event);
}

/**
 * A seat taken when a reminder's moment has already passed needs no such reminder: the
 * confirmation (or promotion) mail just gave the same information and the link.
 */
export async function skipPassedReminders(
  deps: Pick<EventsDeps, 'now'>,
  trx: Db,
  registrationId: string,
  startsAt: Date,
) {
  const now = deps.now().getTime();
  const passed = KINDS.filter((kind) => new Date(startsAt).getTime() - REMINDER_LEAD_MS[kind] <= now);
  await skipReminders(trx, registrationId, passed);
}

/**
 * The job: in one transaction, claims the reminder of this kind for every current seat holder
 * not reminded yet (the claim is what makes it idempotent) and writes their mails. Nothing for
 * a cancelled, moved or finished event. Someone whose `reminders` setting is `off` is claimed
 * too (nothing retries) but gets no mail. Returns how many mails were written.
 */
export async function sendReminders(
  deps: Pick<EventsDeps, 'db' | 'mailer' | 'now'>,
  payload: { eventId: string; kind: ReminderKind; startsAt: string },
): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const event = await findEvent(trx, payload.eventId);
    if (!event || event.cancelled_at) return 0;
    if (new Date(event.starts_at).toISOString() !== payload.startsAt) return 0;
    if (new Date(event.ends_at) <= deps.now()) return 0;
    const claimed = await claimReminders(trx, event.id, payload.kind);
    let mailed = 0;
    for (const { user_id } of claimed) {
      if ((await mailChoices(trx, user_id)).reminders === 'off') continue;
      const person = await recipientOf(trx, user_id);
      await deps.mailer.sendReminder(trx, mailRecipient(person), {
        event: mailFacts(event),
        kind: payload.kind,
        videoUrl: event.video_url,
      });
      mailed += 1;
    }
    return mailed;
  });
}
