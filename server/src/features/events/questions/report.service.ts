import type { FollowUpBodySchema } from '@atelier/contract';
import type { z } from 'zod';
import { authorize } from '../../../core/authorize';
import { isUuid } from '../../../core/ids';
import type { Db } from '../../../db/database';
import { AppError, notFound } from '../../../errors';
import { canOpenFollowUp, canPublishReport } from '../../../policy/events.policy';
import type { Actor } from '../../../policy/policy';
import type { DiscussionsDeps } from '../../discussions/discussions.deps';
import { createThread } from '../../discussions/threads.service';
import { createDocument } from '../../documents/documents.service';
import { findSpaceById } from '../../spaces/spaces.queries';
import { type EventContext, loadEventContext } from '../events.access';
import { type EventRecord, linkEvent, lockEvent } from '../events.queries';

type FollowUpBody = z.infer<typeof FollowUpBodySchema>;

export interface ReportDeps {
  db: Db;
  /** How new threads are written (with their realtime events and mail): the discussions' deps. */
  discussions: DiscussionsDeps;
}

const alreadyLinked = (what: string) => new AppError('conflict', `this event already has its ${what}`);
const cancelled = () => new AppError('event_cancelled', 'this event is cancelled');

/** « Compte rendu — Permanence de décembre — 1 décembre 2026 », the date in the event's own zone. */
export function reportTitle(event: Pick<EventRecord, 'title' | 'starts_at' | 'timezone'>): string {
  const date = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: event.timezone }).format(
    new Date(event.starts_at),
  );
  return `Compte rendu — ${event.title} — ${date}`;
}

/** Locks the event row, then refuses if the link was made meanwhile (two clicks at once). */
async function lockUnlinked(trx: Db, eventId: string, column: 'report_document_id' | 'follow_up_thread_id') {
  const event = await lockEvent(trx, eventId);
  if (!event) throw notFound('event');
  if (event[column] !== null)
    throw alreadyLinked(column === 'report_document_id' ? 'compte rendu' : 'follow-up thread');
  return event;
}

/**
 * `POST /events/:id/report` (those who manage the event): creates the compte rendu, a shared
 * document in the event's space (an alliance document for alliance events), and links it. The
 * document and the link are written in one transaction holding the event's lock, so a second
 * call — even a simultaneous one — gets 409 `conflict` and no second document.
 */
export async function publishReport(deps: ReportDeps, input: { actor: Actor; eventId: string }): Promise<EventContext> {
  const context = await loadEventContext(deps.db, input.eventId, input.actor);
  authorize(context, canPublishReport(context.actor, context.facts));
  const actor = context.actor;
  if (!actor) throw new Error('unreachable: the policy lets no anonymous visitor publish');
  if (context.event.cancelled_at !== null) throw cancelled();
  if (context.event.report_document_id !== null) throw alreadyLinked('compte rendu');
  await deps.db.transaction().execute(async (trx) => {
    const event = await lockUnlinked(trx, context.event.id, 'report_document_id');
    const document = await createDocument(
      { db: trx },
      { spaceId: event.space_id, title: reportTitle(event), authorId: actor.id },
    );
    await linkEvent(trx, event.id, { report_document_id: document.id });
  });
  return loadEventContext(deps.db, context.event.id, input.actor);
}

/** The space the follow-up thread goes to: the one named, else the event's own. */
async function followUpSpace(db: Db, event: EventRecord, spaceId: string | undefined) {
  const id = spaceId ?? event.space_id;
  if (!id) {
    throw new AppError('invalid_input', 'an alliance event names the space its follow-up goes to', {
      spaceId: ['required for an event of the whole alliance'],
    });
  }
  const space = isUuid(id) ? await findSpaceById(db, id) : undefined;
  if (!space) throw notFound('space');
  return space;
}

/**
 * `POST /events/:id/follow-up` (those who manage the event): opens a thread through the
 * discussions service — which checks that the caller may post in that space — and links it.
 * The thread, its first post, their realtime events and the link commit together, under the
 * event's lock, so a second call gets 409 `conflict` and leaves no orphan thread.
 */
export async function openFollowUp(
  deps: ReportDeps,
  input: { actor: Actor; displayName: string; avatarUrl: string | null; eventId: string; body: FollowUpBody },
): Promise<EventContext> {
  const context = await loadEventContext(deps.db, input.eventId, input.actor);
  authorize(context, canOpenFollowUp(context.actor, context.facts));
  if (context.event.follow_up_thread_id !== null) throw alreadyLinked('follow-up thread');
  const space = await followUpSpace(deps.db, context.event, input.body.spaceId);
  const eventId = context.event.id;
  const linking: DiscussionsDeps = {
    ...deps.discussions,
    transaction: (work) =>
      deps.discussions.transaction(async (trx, publish) => {
        await lockUnlinked(trx, eventId, 'follow_up_thread_id');
        const result = await work(trx, publish);
        // Only `createThread` runs through these deps, and it answers `{ thread, post }`.
        const threadId = (result as { thread: { id: string } }).thread.id;
        await linkEvent(trx, eventId, { follow_up_thread_id: threadId });
        return result;
      }),
  };
  await createThread(linking, {
    actor: context.actor,
    displayName: input.displayName,
    avatarUrl: input.avatarUrl,
    slug: space.slug,
    body: { title: input.body.title, body: input.body.body },
  });
  return loadEventContext(deps.db, eventId, input.actor);
}
