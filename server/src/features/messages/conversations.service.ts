import {
  CONVERSATION_MAX_PEOPLE,
  type ConversationDetail,
  type ConversationList,
  type Message,
  type MessageSettings,
  type PersonWithAvatar,
} from '@atelier/contract';
import { z } from 'zod';
import { actorOnly, authorize } from '../../core/authorize';
import { decodeCursor, encodeCursor } from '../../core/cursors';
import { type IdempotencyRequest, idempotent } from '../../core/idempotency';
import { isUuid } from '../../core/ids';
import { AppError } from '../../errors';
import { canReadConversation, canUseMessages, canWriteTo } from '../../policy/messages.policy';
import type { Actor } from '../../policy/policy';
import { sanitizePostBody } from '../discussions/sanitize';
import { blockedAmong, blockersAmong } from '../moderation/blocks.queries';
import {
  findDirectConversation,
  insertConversation,
  listConversationsOf,
  lockPair,
  markConversationRead,
  participantsOf,
  unreadTotalOf,
} from './conversations.queries';
import { loadConversationContext } from './messages.access';
import { toConversations, toMessage } from './messages.content';
import type { MessagesDeps } from './messages.deps';
import { listMessages, messageSettingsOf, peopleByIds, sharingASpace, upsertMessageSettings } from './messages.queries';
import { writeMessage } from './messages.service';

const PAGE = 30;
const MESSAGES_PAGE = 50;
const CursorSchema = z.object({ at: z.iso.datetime({ offset: true }), id: z.uuid() });

const recipientUnavailable = () => new AppError('recipient_unavailable', 'this person does not take messages from you');

/** The others named (the author left out, each once), checked: 1 to 9 people who exist. */
async function checkRecipients(deps: Pick<MessagesDeps, 'db'>, authorId: string, ids: string[]) {
  const others = [...new Set(ids.map((id) => id.toLowerCase()))].filter((id) => id !== authorId);
  const invalid = (why: string) => new AppError('invalid_input', why, { 'body.participantIds': [why] });
  if (others.length === 0) throw invalid('name at least one other person');
  if (others.length + 1 > CONVERSATION_MAX_PEOPLE)
    throw invalid(`at most ${CONVERSATION_MAX_PEOPLE} people, you included`);
  if (!others.every(isUuid)) throw invalid('not a person of the alliance');
  const people = await peopleByIds(deps.db, others);
  if (people.length !== others.length) throw invalid('not a person of the alliance');
  return others;
}

/**
 * May the author write to each of them: their choice (everyone, people of their spaces,
 * nobody) and their blocks. One refusal refuses the whole conversation, with one code for all
 * reasons: the author does not learn whether they were blocked.
 */
async function checkMayWrite(deps: Pick<MessagesDeps, 'db'>, actor: NonNullable<Actor>, others: string[]) {
  const [settings, sharing, blockers] = await Promise.all([
    messageSettingsOf(deps.db, others),
    sharingASpace(deps.db, actor.id, others),
    blockersAmong(deps.db, actor.id, others),
  ]);
  const acceptFrom = new Map(settings.map((row) => [row.user_id, row.accept_from]));
  for (const id of others) {
    const facts = {
      acceptFrom: acceptFrom.get(id) ?? 'everyone',
      sharesSpace: sharing.has(id),
      blockedWriter: blockers.has(id),
    };
    if (!canWriteTo(actor, facts)) throw recipientUnavailable();
  }
}

/** One conversation as `reader` lists it. */
async function conversationFor(deps: Pick<MessagesDeps, 'db'>, readerId: string, conversationId: string) {
  const rows = await listConversationsOf(deps.db, readerId, { after: null, limit: 1, ids: [conversationId] });
  const [conversation] = toConversations(rows, await participantsOf(deps.db, [conversationId]));
  if (!conversation) throw new Error('unreachable: the reader is in the conversation');
  return conversation;
}

/**
 * `POST /conversations` `{ participantIds, body }`: a conversation of 2 to 10 people and its
 * first message. Writing to one person one already has a direct conversation with adds the
 * message there (the pair is locked, so two people writing to each other at once share one).
 */
export async function startConversation(
  deps: MessagesDeps,
  input: {
    actor: Actor;
    author: PersonWithAvatar;
    participantIds: string[];
    body: string;
    idempotencyKey?: string | undefined;
  },
) {
  authorize(actorOnly(input.actor, 'conversation'), canUseMessages(input.actor));
  const actor = input.actor;
  if (!actor) throw new Error('unreachable: the policy lets no anonymous visitor write');
  const others = await checkRecipients(deps, actor.id, input.participantIds);
  await checkMayWrite(deps, actor, others);
  const body = sanitizePostBody(input.body);
  const key: IdempotencyRequest | null = input.idempotencyKey
    ? { userId: actor.id, key: input.idempotencyKey, route: 'POST /conversations' }
    : null;
  const { conversationId, message } = await deps.transaction((trx, publish) =>
    idempotent(trx, key, async () => {
      let id: string | undefined;
      const [only] = others;
      if (others.length === 1 && only) {
        await lockPair(trx, actor.id, only);
        id = await findDirectConversation(trx, actor.id, only);
      }
      id ??= await insertConversation(trx, { direct: others.length === 1, userIds: [actor.id, ...others] });
      const written: Message = await writeMessage(trx, publish, deps, {
        conversationId: id,
        author: input.author,
        body,
        participantIds: [actor.id, ...others],
      });
      return { conversationId: id, message: written };
    }),
  );
  return { conversation: await conversationFor(deps, actor.id, conversationId), message };
}

/** `GET /conversations`: one's conversations, latest first, and the unread total. */
export async function listConversations(
  deps: Pick<MessagesDeps, 'db'>,
  input: { actor: Actor; cursor?: string | undefined },
): Promise<ConversationList> {
  authorize(actorOnly(input.actor, 'conversations'), canUseMessages(input.actor));
  const userId = input.actor?.id ?? '';
  const after = decodeCursor(input.cursor, CursorSchema);
  const rows = await listConversationsOf(deps.db, userId, { after, limit: PAGE + 1 });
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  const [people, unreadTotal] = await Promise.all([
    participantsOf(
      deps.db,
      page.map((row) => row.id),
    ),
    unreadTotalOf(deps.db, userId),
  ]);
  return {
    items: toConversations(page, people),
    nextCursor:
      rows.length > PAGE && last
        ? encodeCursor({ at: new Date(last.last_message_at).toISOString(), id: last.id })
        : null,
    unreadTotal,
  };
}

/** `GET /conversations/:id?before`: the conversation and a page of its messages, oldest first. */
export async function getConversation(
  deps: Pick<MessagesDeps, 'db'>,
  input: { actor: Actor; conversationId: string; before?: number | undefined },
): Promise<ConversationDetail> {
  const context = await loadConversationContext(deps.db, input.conversationId, input.actor);
  authorize(context, canReadConversation(context.actor, context.facts));
  const readerId = context.actor?.id ?? '';
  const rows = await listMessages(deps.db, context.conversation.id, {
    before: input.before ?? null,
    limit: MESSAGES_PAGE + 1,
  });
  const page = rows.slice(0, MESSAGES_PAGE).reverse();
  const blocked = await blockedAmong(
    deps.db,
    readerId,
    page.map((row) => row.author_id),
  );
  return {
    conversation: await conversationFor(deps, readerId, context.conversation.id),
    messages: {
      items: page.map((row) => toMessage(row, blocked)),
      nextBefore: rows.length > MESSAGES_PAGE ? (page[0]?.number ?? null) : null,
    },
    lastReadNumber: context.participation?.last_read_number ?? 0,
  };
}

/** `POST /conversations/:id/read`: the read position moves forward only. */
export async function markRead(
  deps: Pick<MessagesDeps, 'db'>,
  input: { actor: Actor; conversationId: string; lastReadNumber: number },
) {
  const context = await loadConversationContext(deps.db, input.conversationId, input.actor);
  authorize(context, canReadConversation(context.actor, context.facts));
  await markConversationRead(deps.db, context.conversation.id, context.actor?.id ?? '', input.lastReadNumber);
}

/** `GET /me/message-settings`. */
export async function getMessageSettings(deps: Pick<MessagesDeps, 'db'>, input: { actor: Actor }) {
  authorize(actorOnly(input.actor, 'settings'), canUseMessages(input.actor));
  const [row] = await messageSettingsOf(deps.db, [input.actor?.id ?? '']);
  return { from: row?.accept_from ?? 'everyone', mail: row?.mail ?? 'each' } satisfies MessageSettings;
}

/** `PUT /me/message-settings` `{ from, mail? }`: stored, then read back. */
export async function updateMessageSettings(
  deps: Pick<MessagesDeps, 'db'>,
  input: { actor: Actor; from: MessageSettings['from']; mail?: MessageSettings['mail'] | undefined },
) {
  authorize(actorOnly(input.actor, 'settings'), canUseMessages(input.actor));
  await upsertMessageSettings(deps.db, input.actor?.id ?? '', { accept_from: input.from, mail: input.mail });
  return getMessageSettings(deps, input);
}
