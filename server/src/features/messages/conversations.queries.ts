import { sql } from 'kysely';
import type { Db } from '../../db/database';

/** The conversation and the reader's participation (null: not in it). */
export async function findConversationFor(db: Db, conversationId: string, userId: string | null) {
  const conversation = await db
    .selectFrom('conversations')
    .selectAll()
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) return undefined;
  const participation = userId
    ? await db
        .selectFrom('conversation_participants')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
    : undefined;
  return { conversation, participation: participation ?? null };
}
export type ConversationRecord = NonNullable<Awaited<ReturnType<typeof findConversationFor>>>['conversation'];

/** The conversation's row locked: messages are numbered one at a time under it. */
export const lockConversation = (db: Db, conversationId: string) =>
  db
    .selectFrom('conversations')
    .select(['id', 'message_count'])
    .where('id', '=', conversationId)
    .forUpdate()
    .executeTakeFirst();

/**
 * Serializes the starts of a conversation between the same two people (a transaction-scoped
 * advisory lock on the pair), so that two people writing to each other at the same moment
 * end up in one conversation, not two.
 */
export async function lockPair(db: Db, a: string, b: string) {
  const key = [a, b].sort().join(':');
  await sql`select pg_advisory_xact_lock(hashtext(${`conversation:${key}`}))`.execute(db);
}

/** The direct conversation between exactly these two people, if any. */
export async function findDirectConversation(db: Db, a: string, b: string) {
  const row = await db
    .selectFrom('conversations as c')
    .select('c.id')
    .where('c.direct', '=', true)
    .where((eb) =>
      eb.and([
        eb.exists(
          eb
            .selectFrom('conversation_participants as pa')
            .select(sql`1`.as('one'))
            .whereRef('pa.conversation_id', '=', 'c.id')
            .where('pa.user_id', '=', a),
        ),
        eb.exists(
          eb
            .selectFrom('conversation_participants as pb')
            .select(sql`1`.as('one'))
            .whereRef('pb.conversation_id', '=', 'c.id')
            .where('pb.user_id', '=', b),
        ),
      ]),
    )
    .orderBy('c.created_at')
    .executeTakeFirst();
  return row?.id;
}

/** A new conversation with its participants. */
export async function insertConversation(db: Db, input: { direct: boolean; userIds: string[] }) {
  const { id } = await db
    .insertInto('conversations')
    .values({ direct: input.direct })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('conversation_participants')
    .values(input.userIds.map((userId) => ({ conversation_id: id, user_id: userId })))
    .execute();
  return id;
}

/** The people of the conversations, by name, for showing them. */
export const participantsOf = (db: Db, conversationIds: string[]) =>
  conversationIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('conversation_participants as p')
        .innerJoin('users as u', 'u.id', 'p.user_id')
        .select(['p.conversation_id', 'u.id', 'u.display_name', 'u.avatar_updated_at'])
        .where('p.conversation_id', 'in', conversationIds)
        .orderBy('p.joined_at')
        .orderBy('u.display_name')
        .execute();

/** Others' messages after the reader's read position, not deleted, not from someone they blocked. */
const unreadOf = (userId: string) => sql<number>`(
  select count(*)::int from messages m
  where m.conversation_id = c.id and m.number > p.last_read_number and m.author_id <> ${userId}
    and m.deleted_at is null
    and not exists (select 1 from user_blocks b where b.blocker_id = ${userId} and b.blocked_id = m.author_id)
)`;

/** The reader's conversations, latest activity first, with their unread counts and last message. */
export const listConversationsOf = (
  db: Db,
  userId: string,
  input: { after: { at: string; id: string } | null; limit: number; ids?: string[] },
) => {
  let query = db
    .selectFrom('conversations as c')
    .innerJoin('conversation_participants as p', (join) =>
      join.onRef('p.conversation_id', '=', 'c.id').on('p.user_id', '=', userId),
    )
    .leftJoin('messages as last', (join) =>
      join.onRef('last.conversation_id', '=', 'c.id').onRef('last.number', '=', 'c.message_count'),
    )
    .select([
      'c.id',
      'c.direct',
      'c.message_count',
      'c.last_message_at',
      'c.created_at',
      'p.last_read_number',
      'last.body as last_body',
      'last.deleted_at as last_deleted_at',
      unreadOf(userId).as('unread_count'),
    ]);
  if (input.ids) query = query.where('c.id', 'in', input.ids);
  const { after } = input;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('c.last_message_at', '<', new Date(after.at)),
        eb.and([eb('c.last_message_at', '=', new Date(after.at)), eb('c.id', '<', after.id)]),
      ]),
    );
  }
  return query.orderBy('c.last_message_at', 'desc').orderBy('c.id', 'desc').limit(input.limit).execute();
};
export type ConversationListRow = Awaited<ReturnType<typeof listConversationsOf>>[number];

/** Unread messages over all of the reader's conversations. */
export async function unreadTotalOf(db: Db, userId: string) {
  const row = await db
    .selectFrom('conversations as c')
    .innerJoin('conversation_participants as p', (join) =>
      join.onRef('p.conversation_id', '=', 'c.id').on('p.user_id', '=', userId),
    )
    .select(sql<number>`coalesce(sum(${unreadOf(userId)}), 0)::int`.as('n'))
    .where(sql<boolean>`c.message_count > p.last_read_number`)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Moves the reader's position forward (never back), up to the last message. */
export const markConversationRead = (db: Db, conversationId: string, userId: string, number: number) =>
  db
    .updateTable('conversation_participants as p')
    .set({
      last_read_number: sql`greatest(p.last_read_number, least(${number}::int,
        (select message_count from conversations where id = ${conversationId})))`,
    })
    .where('p.conversation_id', '=', conversationId)
    .where('p.user_id', '=', userId)
    .execute();
