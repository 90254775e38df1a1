import { type Flag, type FlagCreateBody, type Message, type PersonWithAvatar, rooms } from '@atelier/contract';
import { authorize } from '../../core/authorize';
import { type IdempotencyRequest, idempotent } from '../../core/idempotency';
import type { Db } from '../../db/database';
import { AppError, notFound } from '../../errors';
import type { Publish } from '../../plugins/realtime/types';
import {
  canChangeMessage,
  canFlagMessage,
  canReadConversation,
  canWriteInConversation,
} from '../../policy/messages.policy';
import type { Actor } from '../../policy/policy';
import { nextRunAt } from '../digests/schedule';
import { sanitizePostBody } from '../discussions/sanitize';
import { blockersAmong } from '../moderation/blocks.queries';
import { findOpenFlagOf, insertFlag } from '../moderation/moderation.queries';
import { loadConversationContext, loadMessageContext } from './messages.access';
import { toMessage } from './messages.content';
import type { MessagesDeps } from './messages.deps';
import {
  findMessage,
  insertMessage,
  lockMessage,
  markConversationsMailed,
  messageSettingsOf,
  participantIdsOf,
  peopleByIds,
  replaceMessageBody,
  softDeleteMessage,
  unmailedMessagesOf,
} from './messages.queries';

declare module '../../plugins/jobs' {
  interface JobPayloads {
    /** Tells one person by mail of the messages they have not read (`daily`: their daily summary). */
    'messages.mail': { userId: string; daily: boolean };
  }
}

const messageDeleted = () => new AppError('conflict', 'this message was deleted');

/**
 * Adds a message in the caller's transaction: its number under the conversation's lock, its
 * announcement in the conversation's room and in each participant's own room (ids only, for
 * their lists and the header's count), and a mail job for each participant who wants mail and
 * did not block the author — grouped a few minutes, or with their daily summary.
 */
export async function writeMessage(
  trx: Db,
  publish: Publish,
  deps: Pick<MessagesDeps, 'jobs' | 'mailer' | 'now'>,
  input: { conversationId: string; author: PersonWithAvatar; body: string; participantIds: string[] },
): Promise<Message> {
  const { conversationId, author, body } = input;
  const row = await insertMessage(trx, { conversationId, authorId: author.id, body });
  const message: Message = {
    id: row.id,
    conversationId,
    number: row.number,
    author,
    body,
    createdAt: new Date(row.created_at).toISOString(),
    editedAt: null,
    deletedAt: null,
  };
  await publish(rooms.conversation(conversationId), 'message.created', { message });
  await publish(input.participantIds.map(rooms.user), 'conversation.activity', {
    conversationId,
    authorId: author.id,
    lastMessageAt: message.createdAt,
  });
  const others = input.participantIds.filter((id) => id !== author.id);
  const [settings, blockers] = await Promise.all([
    messageSettingsOf(trx, others),
    blockersAmong(trx, author.id, others),
  ]);
  const mailOf = new Map(settings.map((setting) => [setting.user_id, setting.mail]));
  for (const userId of others) {
    const mail = mailOf.get(userId) ?? 'each';
    if (mail === 'off' || blockers.has(userId)) continue;
    // One waiting job per person and kind: a burst of messages makes one mail.
    await deps.jobs.enqueue(
      trx,
      'messages.mail',
      { userId, daily: mail === 'daily' },
      mail === 'daily'
        ? { startAfter: nextRunAt('daily', deps.now()), singletonKey: `daily:${userId}` }
        : { startAfter: deps.mailer.groupSeconds, singletonKey: `each:${userId}` },
    );
  }
  return message;
}

/** `POST /conversations/:id/messages`: a participant writes (in a pair, not someone the other blocked). */
export async function postMessage(
  deps: MessagesDeps,
  input: {
    actor: Actor;
    author: PersonWithAvatar;
    conversationId: string;
    body: string;
    idempotencyKey?: string | undefined;
  },
): Promise<{ message: Message }> {
  const context = await loadConversationContext(deps.db, input.conversationId, input.actor);
  const participantIds = context.facts.participant ? await participantIdsOf(deps.db, context.conversation.id) : [];
  const others = participantIds.filter((id) => id !== context.actor?.id);
  const blockedByOther =
    context.conversation.direct && context.actor !== null
      ? (await blockersAmong(deps.db, context.actor.id, others)).size > 0
      : false;
  authorize(context, canReadConversation(context.actor, context.facts));
  // The same answer as when starting a conversation: the author does not learn of the block.
  if (!canWriteInConversation(context.actor, { ...context.facts, blockedByOther })) {
    throw new AppError('recipient_unavailable', 'this person does not take messages from you');
  }
  const body = sanitizePostBody(input.body);
  const actorId = context.actor?.id ?? '';
  const key: IdempotencyRequest | null = input.idempotencyKey
    ? { userId: actorId, key: input.idempotencyKey, route: `POST /conversations/${context.conversation.id}/messages` }
    : null;
  return deps.transaction((trx, publish) =>
    idempotent(trx, key, async () => ({
      message: await writeMessage(trx, publish, deps, {
        conversationId: context.conversation.id,
        author: input.author,
        body,
        participantIds,
      }),
    })),
  );
}

/** `PATCH /messages/:id`: its author rewrites it (no history is kept: see README). */
export async function editMessage(
  deps: MessagesDeps,
  input: { actor: Actor; messageId: string; body: string },
): Promise<{ message: Message }> {
  const context = await loadMessageContext(deps.db, input.messageId, input.actor);
  authorize(context, canChangeMessage(context.actor, context.facts, { authorId: context.message.author_id }));
  const body = sanitizePostBody(input.body);
  return deps.transaction(async (trx, publish) => {
    const current = await lockMessage(trx, context.message.id);
    if (!current) throw notFound('message');
    if (current.deleted_at) throw messageDeleted();
    if (current.body !== body) await replaceMessageBody(trx, current.id, body);
    const row = await findMessage(trx, current.id);
    if (!row) throw notFound('message');
    const message = toMessage(row);
    if (current.body !== body) {
      await publish(rooms.conversation(row.conversation_id), 'message.updated', { message });
    }
    return { message };
  });
}

/**
 * The deletion itself, in the caller's transaction (a moderator's decision deletes this way
 * too): the words go, the place stays, readers are told. Nothing happens twice.
 */
export async function removeMessage(trx: Db, publish: Publish, messageId: string) {
  const current = await lockMessage(trx, messageId);
  if (!current || current.deleted_at) return;
  await softDeleteMessage(trx, current.id);
  const row = await findMessage(trx, current.id);
  if (!row) return;
  await publish(rooms.conversation(row.conversation_id), 'message.deleted', { message: toMessage(row) });
}

/** `DELETE /messages/:id`: its author. Idempotent. */
export async function deleteMessage(deps: MessagesDeps, input: { actor: Actor; messageId: string }) {
  const context = await loadMessageContext(deps.db, input.messageId, input.actor);
  authorize(context, canChangeMessage(context.actor, context.facts, { authorId: context.message.author_id }));
  await deps.transaction((trx, publish) => removeMessage(trx, publish, context.message.id));
}

/**
 * `POST /messages/:id/flags`: a participant reports someone else's message to the admins'
 * queue (a conversation belongs to no space). By reporting, they show that one message to the
 * moderators; nothing else of the conversation is ever shown. Again → the open flag.
 */
export async function flagMessage(
  deps: Pick<MessagesDeps, 'db'>,
  input: { actor: Actor; messageId: string; body: FlagCreateBody },
): Promise<{ flag: Flag; created: boolean }> {
  const context = await loadMessageContext(deps.db, input.messageId, input.actor);
  authorize(
    context,
    canFlagMessage(context.actor, context.facts, { authorId: context.message.author_id }),
    'one cannot report what one wrote',
  );
  if (context.message.deleted_at) throw messageDeleted();
  const flaggedBy = context.actor?.id ?? '';
  const target = { type: 'message' as const, id: context.message.id };
  const note = input.body.note?.trim() ? input.body.note.trim() : null;
  return deps.db.transaction().execute(async (trx) => {
    const inserted = await insertFlag(trx, {
      targetType: 'message',
      targetId: target.id,
      spaceId: null,
      flaggedBy,
      reason: input.body.reason,
      note,
    });
    const row = await findOpenFlagOf(trx, target, flaggedBy);
    if (!row) throw new Error('unreachable: the flag was just written or found open');
    return {
      flag: {
        id: row.id,
        targetType: row.target_type,
        targetId: row.target_id,
        reason: row.reason,
        note: row.note,
        createdAt: new Date(row.created_at).toISOString(),
      },
      created: inserted !== undefined,
    };
  });
}

/**
 * The job `messages.mail`: what the person has not read nor been mailed about, one mail for
 * all their conversations, marked mailed in the same transaction (a rerun finds nothing left).
 * Their current choice decides: `off` sends nothing.
 */
export async function sendMessageMails(
  deps: Pick<MessagesDeps, 'db' | 'mailer'>,
  job: { userId: string; daily: boolean },
) {
  await deps.db.transaction().execute(async (trx) => {
    const [person] = await peopleByIds(trx, [job.userId]);
    if (!person) return;
    const [settings] = await messageSettingsOf(trx, [person.id]);
    const rows = await unmailedMessagesOf(trx, person.id);
    await markConversationsMailed(trx, person.id);
    if ((settings?.mail ?? 'each') === 'off' || rows.length === 0) return;
    const items = new Map<string, { conversationId: string; authors: string[]; count: number }>();
    for (const row of rows) {
      const item = items.get(row.conversation_id) ?? { conversationId: row.conversation_id, authors: [], count: 0 };
      if (!item.authors.includes(row.author_name)) item.authors.push(row.author_name);
      item.count += 1;
      items.set(row.conversation_id, item);
    }
    await deps.mailer.send(trx, {
      to: { id: person.id, email: person.email, displayName: person.display_name, locale: person.locale },
      items: [...items.values()],
      daily: job.daily,
    });
  });
}
