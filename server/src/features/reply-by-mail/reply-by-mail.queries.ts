import { sql } from 'kysely';
import type { Db } from '../../db/database';

export const insertReplyAddress = (
  db: Db,
  input: { tokenHash: string; userId: string; threadId: string; postId: string; expiresAt: Date },
) =>
  db
    .insertInto('reply_addresses')
    .values({
      token_hash: input.tokenHash,
      user_id: input.userId,
      thread_id: input.threadId,
      post_id: input.postId,
      expires_at: input.expiresAt,
    })
    .execute();

/** A reply address with the person it belongs to, as they are now (their address may have changed). */
export const findReplyAddress = (db: Db, tokenHash: string) =>
  db
    .selectFrom('reply_addresses')
    .innerJoin('users', 'users.id', 'reply_addresses.user_id')
    .innerJoin('threads', 'threads.id', 'reply_addresses.thread_id')
    .innerJoin('spaces', 'spaces.id', 'threads.space_id')
    .select([
      'reply_addresses.thread_id',
      'threads.title as thread_title',
      'spaces.slug as space_slug',
      'reply_addresses.post_id',
      'reply_addresses.expires_at',
      'users.id as user_id',
      'users.email',
      'users.display_name',
      'users.role',
      'users.locale',
      'users.avatar_updated_at',
    ])
    .where('reply_addresses.token_hash', '=', tokenHash)
    .executeTakeFirst();

export type ReplyAddressRecord = NonNullable<Awaited<ReturnType<typeof findReplyAddress>>>;

/**
 * Records a received message; null when this message (same address, same key) is already
 * recorded — a retried delivery or a copy, handled once.
 */
export const insertInboundReply = (
  db: Db,
  input: { tokenHash: string; messageKey: string; sender: string; text: string },
) =>
  db
    .insertInto('inbound_replies')
    .values({
      token_hash: input.tokenHash,
      message_key: input.messageKey,
      sender: input.sender,
      text_body: input.text,
    })
    .onConflict((oc) => oc.columns(['token_hash', 'message_key']).doNothing())
    .returning('id')
    .executeTakeFirst();

export const findInboundReply = (db: Db, id: string) =>
  db
    .selectFrom('inbound_replies')
    .select(['id', 'token_hash', 'sender', 'text_body', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();

/**
 * Settles a message once: only a row still `received` changes, so of two runs of one job only
 * the first decision (and the mail sent with it) counts. The body goes with the decision.
 */
export async function decideInboundReply(
  db: Db,
  id: string,
  decision: { status: 'posted' | 'refused' | 'dropped'; outcome: string | null; postId?: string | undefined },
): Promise<boolean> {
  const row = await db
    .updateTable('inbound_replies')
    .set({
      status: decision.status,
      outcome: decision.outcome,
      post_id: decision.postId ?? null,
      text_body: null,
      decided_at: new Date(),
    })
    .where('id', '=', id)
    .where('status', '=', 'received')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Deletes up to `limit` reply addresses that expired before `before`; returns how many went. */
export async function pruneReplyAddresses(db: Db, before: Date, limit: number): Promise<number> {
  const result = await sql`delete from reply_addresses where token_hash in (
      select token_hash from reply_addresses where expires_at < ${before} limit ${limit})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Deletes up to `limit` messages received before `before` (long after their job decided, or
 * gave up); returns how many went.
 */
export async function pruneInboundReplies(db: Db, before: Date, limit: number): Promise<number> {
  const result = await sql`delete from inbound_replies where id in (
      select id from inbound_replies where received_at < ${before} limit ${limit})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
