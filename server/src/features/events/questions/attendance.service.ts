import type { AttendanceListSchema, Event } from '@atelier/contract';
import type { z } from 'zod';
import { actorOnly, authorize } from '../../../core/authorize';
import { isUuid } from '../../../core/ids';
import type { Db } from '../../../db/database';
import { AppError, notFound } from '../../../errors';
import { canMarkAttendance, canSeeAttendedEvents, canViewEvent } from '../../../policy/events.policy';
import type { Actor } from '../../../policy/policy';
import { userExists } from '../../accounts/accounts.queries';
import { loadEventContext } from '../events.access';
import { presentEvent } from '../events.service';
import { listAttendance as listAttendanceRows, listAttendedPermanenceIds, setAttendance } from './attendance.queries';

type AttendanceList = z.infer<typeof AttendanceListSchema>;

/** `GET /events/:id/attendance` (those who manage the event): seats, waitlist, and whoever came. */
export async function listAttendance(db: Db, input: { actor: Actor; eventId: string }): Promise<AttendanceList> {
  const context = await loadEventContext(db, input.eventId, input.actor);
  authorize(context, canMarkAttendance(context.actor, context.facts));
  const rows = await listAttendanceRows(db, context.event.id);
  return {
    items: rows.map((row) => ({
      person: { id: row.id, displayName: row.display_name },
      status: row.status === 'registered' || row.status === 'waitlisted' ? row.status : null,
      attended: Boolean(row.attended),
    })),
  };
}

/**
 * `PUT /events/:id/attendance/:userId` (those who manage the event). Anyone with an account may
 * be marked, registered or not: people do turn up without signing up. Attendance is taken
 * once the event has started; a cancelled event took place for nobody, so it takes none.
 */
export async function markAttendance(
  db: Db,
  input: { actor: Actor; eventId: string; userId: string; attended: boolean },
): Promise<void> {
  const context = await loadEventContext(db, input.eventId, input.actor);
  authorize(context, canMarkAttendance(context.actor, context.facts));
  const actor = context.actor;
  if (!actor) throw new Error('unreachable: the policy lets no anonymous visitor mark attendance');
  if (context.event.cancelled_at !== null) throw new AppError('event_cancelled', 'this event is cancelled');
  if (new Date(context.event.starts_at).getTime() > Date.now()) {
    throw new AppError('event_not_started', 'attendance is taken once the event has started');
  }
  if (!isUuid(input.userId) || !(await userExists(db, input.userId))) throw notFound('user');
  await setAttendance(db, {
    eventId: context.event.id,
    userId: input.userId,
    markedBy: actor.id,
    attended: input.attended,
  });
}

/**
 * `GET /users/:id/attended-permanences` (the person, or admins): the permanences they were
 * marked present at, newest first, each as the caller may see it. A person attends about a
 * dozen a year, so each is presented on its own.
 */
export async function listAttendedPermanences(
  db: Db,
  input: { actor: Actor; userId: string },
): Promise<{ items: Event[] }> {
  authorize(actorOnly(input.actor, 'user'), canSeeAttendedEvents(input.actor, input.userId));
  if (!isUuid(input.userId) || !(await userExists(db, input.userId))) throw notFound('user');
  const items: Event[] = [];
  for (const { id } of await listAttendedPermanenceIds(db, input.userId)) {
    const context = await loadEventContext(db, id, input.actor);
    if (canViewEvent(context.actor, context.facts)) items.push(await presentEvent(db, context));
  }
  return { items };
}
