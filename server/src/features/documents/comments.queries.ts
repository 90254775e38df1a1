import type { Db } from '../../db/database';

/**
 * Comment threads on documents (`document_comments`): a thread is its first comment (with the
 * anchor and the resolved state), its replies name it in `thread_id`.
 */

function selectComments(db: Db) {
  return db
    .selectFrom('document_comments as c')
    .innerJoin('users as author', 'author.id', 'c.author_id')
    .leftJoin('users as resolver', 'resolver.id', 'c.resolved_by')
    .select([
      'c.id',
      'c.document_id',
      'c.thread_id',
      'c.body',
      'c.anchor_start',
      'c.anchor_end',
      'c.quote',
      'c.resolved_at',
      'c.created_at',
      'author.id as author_id',
      'author.display_name as author_name',
      'resolver.id as resolver_id',
      'resolver.display_name as resolver_name',
    ])
    .orderBy('c.created_at')
    .orderBy('c.id');
}

export type CommentRecord = Awaited<ReturnType<ReturnType<typeof selectComments>['executeTakeFirstOrThrow']>>;

/** Every comment of the document, threads and replies, oldest first. */
export const listDocumentComments = (db: Db, documentId: string) =>
  selectComments(db).where('c.document_id', '=', documentId).execute();

/** One thread's comments: its first comment, then its replies, oldest first. */
export const listThreadComments = (db: Db, threadId: string) =>
  selectComments(db)
    .where((eb) => eb.or([eb('c.id', '=', threadId), eb('c.thread_id', '=', threadId)]))
    .execute();

/** A comment's own facts, for deciding about it. */
export const findComment = (db: Db, commentId: string) =>
  db
    .selectFrom('document_comments')
    .select(['id', 'document_id', 'thread_id', 'author_id', 'resolved_at'])
    .where('id', '=', commentId)
    .executeTakeFirst();

/**
 * The thread's first comment, locked until the transaction ends: a reply, a resolution and a
 * deletion of one thread take their turns here, so a reply never lands in a thread resolved or
 * deleted a moment before (it sees the result and answers 409 or 404 instead).
 */
export const lockThread = (db: Db, threadId: string) =>
  db
    .selectFrom('document_comments')
    .select(['id', 'document_id', 'author_id', 'resolved_at'])
    .where('id', '=', threadId)
    .where('thread_id', 'is', null)
    .forUpdate()
    .executeTakeFirst();

export const insertThread = (
  db: Db,
  values: { documentId: string; authorId: string; body: string; start: string; end: string; quote: string },
) =>
  db
    .insertInto('document_comments')
    .values({
      document_id: values.documentId,
      author_id: values.authorId,
      body: values.body,
      anchor_start: values.start,
      anchor_end: values.end,
      quote: values.quote,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export const insertReply = (db: Db, values: { documentId: string; threadId: string; authorId: string; body: string }) =>
  db
    .insertInto('document_comments')
    .values({
      document_id: values.documentId,
      thread_id: values.threadId,
      author_id: values.authorId,
      body: values.body,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

/** Resolves or reopens a thread; false when it already was in that state (nothing to announce). */
export async function setThreadResolved(db: Db, threadId: string, resolvedBy: string | null): Promise<boolean> {
  const updated = await db
    .updateTable('document_comments')
    .set(
      resolvedBy === null
        ? { resolved_at: null, resolved_by: null }
        : { resolved_at: new Date(), resolved_by: resolvedBy },
    )
    .where('id', '=', threadId)
    .where('thread_id', 'is', null)
    .where('resolved_at', resolvedBy === null ? 'is not' : 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

export async function countReplies(db: Db, threadId: string): Promise<number> {
  const row = await db
    .selectFrom('document_comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('thread_id', '=', threadId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes one comment; false when it was already gone. */
export async function deleteCommentRow(db: Db, commentId: string): Promise<boolean> {
  const deleted = await db.deleteFrom('document_comments').where('id', '=', commentId).executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}
