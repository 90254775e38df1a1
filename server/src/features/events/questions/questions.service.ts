import type { Question, QuestionStatus } from '@atelier/contract';
import { rooms } from '@atelier/contract';
import { authorize } from '../../../core/authorize';
import { isUuid } from '../../../core/ids';
import type { Db } from '../../../db/database';
import { AppError, forbidden, notFound, unauthenticated } from '../../../errors';
import type { Publish } from '../../../plugins/realtime/types';
import {
  canReadQuestions,
  canRunQuestions,
  decideQuestionParticipation,
  type QuestionRefusal,
} from '../../../policy/events.policy';
import type { Actor } from '../../../policy/policy';
import { loadSpaceContext, type SpaceContext } from '../../spaces/spaces.access';
import { type EventContext, loadEventContext } from '../events.access';
import type { QuestionsDeps } from './questions.deps';
import {
  addVote,
  findQuestion,
  insertQuestion,
  listQuestions as listQuestionRows,
  lockEventQuestions,
  type QuestionRecord,
  removeVote,
  reopenCurrent,
  setQuestionStatus,
} from './questions.queries';
import { ensureMayTransmitTo, transmitQuestion } from './transmissions.service';

export function toQuestion(row: QuestionRecord): Question {
  return {
    id: row.id,
    eventId: row.event_id,
    body: row.body,
    author: { id: row.author_id, displayName: row.author_name },
    votes: Number(row.votes),
    voted: Boolean(row.voted),
    revision: Number(row.revision),
    status: row.status,
    transmittedTo:
      row.transmitted_id && row.transmitted_slug && row.transmitted_title
        ? {
            id: row.transmitted_id,
            slug: row.transmitted_slug,
            name: row.transmitted_title,
            threadId: row.transmitted_thread_id,
          }
        : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

const refusal = (reason: QuestionRefusal): AppError => {
  switch (reason) {
    case 'not_found':
      return notFound('event');
    case 'unauthenticated':
      return unauthenticated();
    case 'forbidden':
      return forbidden();
    case 'event_cancelled':
      return new AppError('event_cancelled', 'this event is cancelled');
    case 'questions_closed':
      return new AppError('questions_closed', 'this event has ended: questions and votes are closed');
    case 'not_registered':
      return new AppError('not_registered', 'register for the event (a seat or the waitlist) to ask or vote');
  }
};

/** Asking and voting are open until the event ends, and closed for good once it is cancelled. */
function ensureParticipation(deps: QuestionsDeps, context: EventContext): NonNullable<Actor> {
  const decision = decideQuestionParticipation(context.actor, context.facts, {
    registration: context.registration,
    cancelled: context.event.cancelled_at !== null,
    ended: new Date(context.event.ends_at).getTime() <= deps.now().getTime(),
  });
  if (!decision.allowed) throw refusal(decision.reason);
  if (!context.actor) throw new Error('unreachable: the policy lets no anonymous visitor ask');
  return context.actor;
}

/** Reads a question back in the transaction and announces it, as everyone sees it (no vote of theirs). */
async function announce(trx: Db, publish: Publish, questionId: string, type: 'question.created' | 'question.updated') {
  const row = await findQuestion(trx, questionId, null);
  if (!row) throw notFound('question');
  await publish(rooms.event(row.event_id), type, { question: toQuestion(row) });
  return row;
}

/** `GET /events/:id/questions`: current first, then by votes, then oldest. */
export async function listQuestions(
  deps: QuestionsDeps,
  input: { actor: Actor; eventId: string },
): Promise<{ items: Question[] }> {
  const context = await loadEventContext(deps.db, input.eventId, input.actor);
  authorize(context, canReadQuestions(context.actor, context.facts));
  const rows = await listQuestionRows(deps.db, context.event.id, context.actor?.id ?? null);
  return { items: rows.map(toQuestion) };
}

/** `POST /events/:id/questions`: people registered (seat or waitlist) and those who run the event. */
export async function askQuestion(
  deps: QuestionsDeps,
  input: { actor: Actor; eventId: string; body: string },
): Promise<{ question: Question }> {
  const context = await loadEventContext(deps.db, input.eventId, input.actor);
  const actor = ensureParticipation(deps, context);
  return deps.transaction(async (trx, publish) => {
    const { id } = await insertQuestion(trx, { eventId: context.event.id, authorId: actor.id, body: input.body });
    const row = await announce(trx, publish, id, 'question.created');
    return { question: toQuestion(row) };
  });
}

/** Loads a question's event context; unknown questions (and malformed ids) → 404. */
async function loadQuestionContext(db: Db, questionId: string, actor: Actor) {
  if (!isUuid(questionId)) throw notFound('question');
  const question = await findQuestion(db, questionId, actor?.id ?? null);
  if (!question) throw notFound('question');
  const context = await loadEventContext(db, question.event_id, actor);
  return { context, question };
}

/**
 * `POST /questions/:id/vote` and `DELETE /questions/:id/vote`: one vote per person, on
 * someone else's question, taken back at will while questions are open. Voting again (or
 * withdrawing a vote one does not have) returns the question unchanged and publishes nothing.
 */
export async function setVote(
  deps: QuestionsDeps,
  input: { actor: Actor; questionId: string; vote: boolean },
): Promise<{ question: Question }> {
  const { context, question } = await loadQuestionContext(deps.db, input.questionId, input.actor);
  const actor = ensureParticipation(deps, context);
  if (input.vote && question.author_id === actor.id) {
    throw new AppError('own_question', 'one does not vote for one’s own question');
  }
  return deps.transaction(async (trx, publish) => {
    const changed = input.vote
      ? await addVote(trx, input.questionId, actor.id)
      : await removeVote(trx, input.questionId, actor.id);
    if (changed) await announce(trx, publish, input.questionId, 'question.updated');
    const row = await findQuestion(trx, input.questionId, actor.id);
    if (!row) throw notFound('question');
    return { question: toQuestion(row) };
  });
}

/** The space a question is handed to: it must exist and be known to the actor (else 404). */
async function transmissionTarget(db: Db, actor: Actor, spaceId: string): Promise<SpaceContext> {
  const context = await loadSpaceContext(db, { id: spaceId }, actor);
  authorize(context, true);
  return context;
}

/**
 * `PATCH /questions/:id` (those who run the event): any status may follow any other, so a
 * mistake can be undone. `transmitted` needs the space it goes to, one the actor may post in:
 * the first transmission there posts the question in the space's thread for the event and
 * tells its animateur·ices and the asker (transmissions.service.ts), in the same transaction as
 * the status. Undoing leaves that post where it is: it was said. Making a question `current`
 * puts the previous current one back to `open`. The event row is locked for the change, so two
 * animateur·ices clicking at once leave exactly one current question, and one thread.
 */
export async function updateQuestion(
  deps: QuestionsDeps,
  input: {
    actor: Actor;
    /** The signed-in person's name and picture as the session gave them: the author of the post. */
    displayName: string;
    avatarUrl: string | null;
    questionId: string;
    status: QuestionStatus;
    transmittedToSpaceId?: string | undefined;
  },
): Promise<{ question: Question }> {
  const { context, question } = await loadQuestionContext(deps.db, input.questionId, input.actor);
  authorize(context, canRunQuestions(context.actor, context.facts));
  const { status, transmittedToSpaceId } = input;
  if (status === 'transmitted' && !transmittedToSpaceId) {
    throw new AppError('invalid_input', 'name the space the question is transmitted to', {
      transmittedToSpaceId: ['required when the status is transmitted'],
    });
  }
  if (status !== 'transmitted' && transmittedToSpaceId) {
    throw new AppError('invalid_input', 'only a transmitted question names a space', {
      transmittedToSpaceId: ['allowed only with the status transmitted'],
    });
  }
  const target = transmittedToSpaceId ? await transmissionTarget(deps.db, context.actor, transmittedToSpaceId) : null;
  const transmittedSpaceId = target?.space.id ?? null;
  const viewerId = context.actor?.id ?? null;
  if (question.status === status && (question.transmitted_id ?? null) === transmittedSpaceId) {
    return { question: toQuestion(question) };
  }
  if (target) ensureMayTransmitTo(target);
  const actor = context.actor;
  if (!actor) throw new Error('unreachable: the policy lets no anonymous visitor run questions');
  return deps.transaction(async (trx, publish) => {
    await lockEventQuestions(trx, context.event.id);
    if (status === 'current') {
      for (const previous of await reopenCurrent(trx, context.event.id, question.id)) {
        await announce(trx, publish, previous.id, 'question.updated');
      }
    }
    await setQuestionStatus(trx, question.id, { status, transmittedSpaceId });
    if (target) {
      await transmitQuestion(deps.discussions, trx, publish, {
        actor,
        author: { displayName: input.displayName, avatarUrl: input.avatarUrl },
        event: context.event,
        questionId: question.id,
        target,
      });
    }
    // After the transmission: the announced question carries its thread.
    await announce(trx, publish, question.id, 'question.updated');
    const row = await findQuestion(trx, question.id, viewerId);
    if (!row) throw notFound('question');
    return { question: toQuestion(row) };
  });
}
