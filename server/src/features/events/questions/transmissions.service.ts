import { rooms } from '@atelier/contract';
import { authorize } from '../../../core/authorize';
import type { Db } from '../../../db/database';
import { notFound } from '../../../errors';
import type { Publish } from '../../../plugins/realtime/types';
import { type Actor, canPostInSpace, canReadThreads } from '../../../policy/policy';
import { toNotification } from '../../discussions/discussions.content';
import type { DiscussionsDeps } from '../../discussions/discussions.deps';
import { insertNotifications } from '../../discussions/notifications.queries';
import { usersByIds } from '../../discussions/posts.queries';
import { createPost } from '../../discussions/posts.service';
import { createThread } from '../../discussions/threads.service';
import { blockersAmong } from '../../moderation/blocks.queries';
import { listMembershipsIn } from '../../spaces/memberships.queries';
import { type SpaceContext, spaceArchived, toMembershipFacts } from '../../spaces/spaces.access';
import type { EventRecord } from '../events.queries';
import { findQuestion } from './questions.queries';
import { transmissionPostBody, transmissionThreadTitle } from './transmissions.content';
import {
  findEventTransmission,
  findQuestionTransmission,
  insertEventTransmission,
  insertQuestionTransmission,
  listActiveAnimateurIds,
} from './transmissions.queries';

/**
 * A question handed to a space reaches its chantier: posted, with its votes, in the thread of
 * that space gathering the event's transmitted questions, by the person who transmits it.
 */

/**
 * Checked before anything changes: the post is written in the transmitter's name, so they must
 * be allowed to post in the space (a member, or an admin) — else 403 and the status stays.
 */
export function ensureMayTransmitTo(target: SpaceContext): void {
  if (target.space.status === 'archived') throw spaceArchived();
  authorize(
    target,
    canPostInSpace(target.actor, target.facts, target.membership),
    'a question is transmitted to a space one may post in: join it first, or choose another',
  );
}

export interface Transmission {
  actor: NonNullable<Actor>;
  /** The transmitter as the session names them: the post's author. */
  author: { displayName: string; avatarUrl: string | null };
  event: Pick<EventRecord, 'id' | 'title' | 'starts_at' | 'timezone'>;
  questionId: string;
  /** The space it goes to, as `ensureMayTransmitTo` accepted it. */
  target: SpaceContext;
}

/**
 * Posts the question in the space's thread for the event, in the caller's transaction (which
 * holds the event row's lock, so two transmissions of one event never open two threads): the
 * thread is opened by the first question, through the discussions' own `createThread` and
 * `createPost` — the same rights, realtime events, follow, search indexing and follower
 * notifications as a post written by hand. A question already posted in that space (a
 * transmission undone and made again) is not posted twice, nor anyone notified again.
 */
export async function transmitQuestion(
  deps: DiscussionsDeps,
  trx: Db,
  publish: Publish,
  input: Transmission,
): Promise<void> {
  const { actor, event, target } = input;
  const spaceId = target.space.id;
  if (await findQuestionTransmission(trx, input.questionId, spaceId)) return;
  // Read in the transaction: the votes as they are when it is handed over.
  const question = await findQuestion(trx, input.questionId, null);
  if (!question) throw notFound('question');
  const body = transmissionPostBody({
    event,
    question: { body: question.body, authorName: question.author_name, votes: Number(question.votes) },
  });
  // The discussions' services run inside this transaction rather than in one of their own.
  const inside: DiscussionsDeps = { ...deps, db: trx, transaction: (work) => work(trx, publish) };
  const writer = { actor, displayName: input.author.displayName, avatarUrl: input.author.avatarUrl };
  const gathered = await findEventTransmission(trx, event.id, spaceId);
  let written: { threadId: string; postId: string };
  if (gathered) {
    const { post } = await createPost(inside, { ...writer, threadId: gathered.thread_id, body: { body } });
    written = { threadId: gathered.thread_id, postId: post.id };
  } else {
    const { thread, post } = await createThread(inside, {
      ...writer,
      slug: target.space.slug,
      body: { title: transmissionThreadTitle(event), body },
    });
    await insertEventTransmission(trx, { eventId: event.id, spaceId, threadId: thread.id });
    written = { threadId: thread.id, postId: post.id };
  }
  await insertQuestionTransmission(trx, { questionId: question.id, spaceId, ...written });
  await notifyTransmission(trx, publish, { actorId: actor.id, target, askerId: question.author_id, ...written });
}

/**
 * Tells the space's active animateur·ices and the person who asked, in the app and live (room
 * `user:<id>`), in the transmission's transaction. As for posts: nobody hears of their own act,
 * nor of a space they may not read, nor anything from someone they blocked. No mail of its
 * own: the notification is in-app; members who want each message of the space get the post's
 * mail as usual. The post's follower job, run later, finds these people notified and skips them.
 */
async function notifyTransmission(
  trx: Db,
  publish: Publish,
  input: { actorId: string; target: SpaceContext; askerId: string; threadId: string; postId: string },
) {
  const spaceId = input.target.space.id;
  const ids = [...new Set([...(await listActiveAnimateurIds(trx, spaceId)), input.askerId])]
    .filter((id) => id !== input.actorId)
    .sort();
  if (ids.length === 0) return;
  const users = await usersByIds(trx, ids);
  const memberships = new Map((await listMembershipsIn(trx, spaceId, ids)).map((row) => [row.user_id, row]));
  const blockers = await blockersAmong(trx, input.actorId, ids);
  const readers = users.filter(
    (user) =>
      !blockers.has(user.id) &&
      canReadThreads({ id: user.id, role: user.role }, input.target.facts, toMembershipFacts(memberships.get(user.id))),
  );
  const created = await insertNotifications(
    trx,
    readers.map((user) => ({
      userId: user.id,
      kind: 'question_transmitted' as const,
      actorId: input.actorId,
      spaceId,
      threadId: input.threadId,
      postId: input.postId,
    })),
  );
  // In user-id order, as the post notifications: concurrent writers lock the rooms in one order.
  for (const row of created.sort((a, b) => a.user_id.localeCompare(b.user_id))) {
    await publish(rooms.user(row.user_id), 'notification.created', { notification: toNotification(row) });
  }
}
