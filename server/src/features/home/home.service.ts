import { HOME_LIMITS, type Home } from '@atelier/contract';
import type { Actor } from '../../policy/policy';
import { toThread } from '../discussions/discussions.content';
import { listThreadsToRead } from '../discussions/threads.queries';
import { toDocument } from '../documents/documents.content';
import { listEditedByOthers } from '../documents/documents.queries';
import { rightsOn } from '../documents/documents.service';
import type { EventsDeps } from '../events/events.deps';
import { listEventsBetween } from '../events/events.queries';
import { getNextPermanence, presentEvents } from '../events/events.service';
import { upcomingRegistrationsOf, waitlistPosition } from '../events/registrations/registrations.queries';

/** Far enough ahead to hold any event one registered for. */
const YEARS_AHEAD = 5;

/**
 * `GET /me/home`, « Pour vous »: what waits for the person in their spaces and agenda. It
 * only reads: nothing is marked read by looking at it.
 */
export async function getHome(deps: EventsDeps, actor: NonNullable<Actor>): Promise<Home> {
  const now = deps.now();
  const [unreadThreads, nextEvents, documents, permanence] = await Promise.all([
    threadsToRead(deps, actor),
    nextEventsOf(deps, actor, now),
    documentsEditedByOthers(deps, actor),
    getNextPermanence(deps, { now }),
  ]);
  return { unreadThreads, nextEvents, documents, permanence };
}

async function threadsToRead(deps: EventsDeps, actor: NonNullable<Actor>) {
  // Twice the limit: some threads past the read position hold only the person's own posts.
  const rows = await listThreadsToRead(deps.db, actor.id, HOME_LIMITS.unreadThreads * 2);
  return rows
    .map((row) => ({
      thread: toThread(row),
      space: { id: row.space_id, slug: row.space_slug, title: row.space_title },
    }))
    .filter((item) => item.thread.unreadCount > 0)
    .slice(0, HOME_LIMITS.unreadThreads);
}

async function nextEventsOf(deps: EventsDeps, actor: NonNullable<Actor>, now: Date) {
  const registrations = await upcomingRegistrationsOf(deps.db, actor.id, now, HOME_LIMITS.nextEvents);
  const to = new Date(now);
  to.setUTCFullYear(to.getUTCFullYear() + YEARS_AHEAD);
  const records = await listEventsBetween(deps.db, { from: now, to, ids: registrations.map((r) => r.event_id) });
  const items: Home['nextEvents'] = [];
  for (const event of await presentEvents(deps.db, actor, records)) {
    const registration = registrations.find((item) => item.event_id === event.id);
    if (!registration) continue;
    items.push({
      event,
      registration:
        registration.status === 'waitlisted'
          ? { status: 'waitlisted', position: await waitlistPosition(deps.db, registration) }
          : { status: 'registered' },
    });
  }
  return items;
}

async function documentsEditedByOthers(deps: EventsDeps, actor: NonNullable<Actor>) {
  const rows = await listEditedByOthers(deps.db, actor.id, HOME_LIMITS.documents);
  return rows.map((row) => {
    const space = { visibility: row.visibility, joinPolicy: row.join_policy, status: row.space_status };
    const membership = { userId: actor.id, role: row.membership_role, status: 'active' as const };
    return {
      document: toDocument(row, rightsOn(actor, space, membership)),
      space: { id: row.space_ref_id, slug: row.space_slug, title: row.space_title },
    };
  });
}
