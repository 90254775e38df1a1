import { sql } from 'kysely';
import type { Db } from '../../db/database';

const MESSAGE_COLUMNS = [
  'm.id',
  'm.conversation_id',
  'm.number',
  'm.author_id',
  'm.body',
  'm.created_at',
  'm.edited_at',
  'm.deleted_at',
  'u.display_name as author_name',
  'u.avatar_updated_at as author_avatar_updated_at',
] as const;

const messagesWithAuthors = (db: Db) =>
  db.selectFrom('messages as m').innerJoin('users as u', 'u.id', 'm.author_id').select(MESSAGE_COLUMNS);

export const findMessage = (db: Db, messageId: string) =>
  messagesWithAuthors(db).where('m.id', '=', messageId).executeTakeFirst();
export type MessageRecord = NonNullable<Awaited<ReturnType<typeof findMessage>>>;

/** The message's row locked, for an edit or a delete. */
export const lockMessage = (db: Db, messageId: string) =>
  db
    .selectFrom('messages')
    .select(['id', 'body', 'deleted_at'])
    .where('id', '=', messageId)
    .forUpdate()
    .executeTakeFirst();

/** A page of messages, newest first (`before`: older than that number). */
export const listMessages = (db: Db, conversationId: string, input: { before: number | null; limit: number }) => {
  let query = messagesWithAuthors(db).where('m.conversation_id', '=', conversationId);
  if (input.before !== null) query = query.where('m.number', '<', input.before);
  return query.orderBy('m.number', 'desc').limit(input.limit).execute();
};

/**
 * Adds a message under the conversation's lock (taken by the update): the next number, the
 * conversation's last activity, and the author's read position past their own message.
 */
export async function insertMessage(db: Db, input: { conversationId: string; authorId: string; body: string }) {
  const { message_count: number } = await db
    .updateTable('conversations')
    .set({ message_count: sql`message_count + 1`, last_message_at: sql`now()` })
    .where('id', '=', input.conversationId)
    .returning('message_count')
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('messages')
    .values({ conversation_id: input.conversationId, number, author_id: input.authorId, body: input.body })
    .returning(['id', 'number', 'created_at'])
    .executeTakeFirstOrThrow();
  await db
    .updateTable('conversation_participants')
    .set({ last_read_number: number, mailed_number: sql`greatest(mailed_number, ${number}::int)` })
    .where('conversation_id', '=', input.conversationId)
    .where('user_id', '=', input.authorId)
    .execute();
  return row;
}

export const replaceMessageBody = (db: Db, messageId: string, body: string) =>
  db.updateTable('messages').set({ body, edited_at: sql`now()` }).where('id', '=', messageId).execute();

/** The words go, the place stays. */
export const softDeleteMessage = (db: Db, messageId: string) =>
  db.updateTable('messages').set({ body: '', deleted_at: sql`now()` }).where('id', '=', messageId).execute();

/** The people of a conversation (ids), for blocks, mails and the personal rooms. */
export const participantIdsOf = async (db: Db, conversationId: string) =>
  (
    await db
      .selectFrom('conversation_participants')
      .select('user_id')
      .where('conversation_id', '=', conversationId)
      .execute()
  ).map((row) => row.user_id);

/** People by id (unknown ids are simply absent). */
export const peopleByIds = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('users')
        .select(['id', 'display_name', 'avatar_updated_at', 'email', 'locale'])
        .where('id', 'in', ids)
        .execute();

/** Which of `otherIds` share an active membership of some space with `userId`. */
export async function sharingASpace(db: Db, userId: string, otherIds: string[]): Promise<Set<string>> {
  if (otherIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('memberships as theirs')
    .innerJoin('memberships as mine', 'mine.space_id', 'theirs.space_id')
    .select('theirs.user_id')
    .distinct()
    .where('mine.user_id', '=', userId)
    .where('mine.status', '=', 'active')
    .where('theirs.status', '=', 'active')
    .where('theirs.user_id', 'in', otherIds)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}

/** The message settings of these people (absent: the defaults). */
export const messageSettingsOf = (db: Db, userIds: string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('message_settings').selectAll().where('user_id', 'in', userIds).execute();

export const upsertMessageSettings = (
  db: Db,
  userId: string,
  values: { accept_from: 'everyone' | 'spaces' | 'nobody'; mail?: 'each' | 'daily' | 'off' | undefined },
) =>
  db
    .insertInto('message_settings')
    .values({ user_id: userId, accept_from: values.accept_from, ...(values.mail ? { mail: values.mail } : {}) })
    .onConflict((conflict) =>
      conflict.column('user_id').doUpdateSet({
        accept_from: values.accept_from,
        ...(values.mail ? { mail: values.mail } : {}),
        updated_at: sql`now()`,
      }),
    )
    .execute();

/** Only the mail choice (the unsubscribe link of a message mail); who may write stays. */
export const setMessageMail = (db: Db, userId: string, mail: 'each' | 'daily' | 'off') =>
  db
    .insertInto('message_settings')
    .values({ user_id: userId, mail })
    .onConflict((conflict) => conflict.column('user_id').doUpdateSet({ mail, updated_at: sql`now()` }))
    .execute();

/**
 * What a person has not been told of by mail yet, per conversation: others' messages after
 * both their read position and their last mail, not deleted, not from someone they blocked.
 */
export const unmailedMessagesOf = (db: Db, userId: string) =>
  db
    .selectFrom('conversation_participants as p')
    .innerJoin('conversations as c', 'c.id', 'p.conversation_id')
    .innerJoin('messages as m', 'm.conversation_id', 'c.id')
    .innerJoin('users as u', 'u.id', 'm.author_id')
    .select(['c.id as conversation_id', 'c.message_count', 'm.number', 'u.display_name as author_name'])
    .where('p.user_id', '=', userId)
    .where(sql<boolean>`m.number > greatest(p.mailed_number, p.last_read_number)`)
    .where('m.author_id', '<>', userId)
    .where('m.deleted_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('user_blocks as b')
            .select('b.blocker_id')
            .where('b.blocker_id', '=', userId)
            .whereRef('b.blocked_id', '=', 'm.author_id'),
        ),
      ),
    )
    .orderBy('c.last_message_at', 'desc')
    .orderBy('m.number')
    .execute();

/** The person was told of everything up to each conversation's last message (locks their rows). */
export const markConversationsMailed = (db: Db, userId: string) =>
  db
    .updateTable('conversation_participants as p')
    .set({ mailed_number: sql`(select message_count from conversations c where c.id = p.conversation_id)` })
    .where('p.user_id', '=', userId)
    .returning('p.conversation_id')
    .execute();

/**
 * Reported messages, for the moderation queue: the message and its author only — never the
 * conversation around it nor who else is in it.
 */
export const messageTargets = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('messages as m')
        .innerJoin('users as author', 'author.id', 'm.author_id')
        .select([
          'm.id',
          'm.body',
          'm.deleted_at',
          sql<string>`'Message privé'`.as('title'),
          'author.id as author_id',
          'author.display_name as author_name',
        ])
        .where('m.id', 'in', ids)
        .execute();

/** The person's own messages (their data export): never what others wrote to them. */
export const messagesWrittenBy = (db: Db, userId: string) =>
  db
    .selectFrom('messages')
    .select(['id', 'conversation_id', 'number', 'body', 'created_at', 'edited_at', 'deleted_at'])
    .where('author_id', '=', userId)
    .orderBy('created_at')
    .execute();
