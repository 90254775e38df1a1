import type { CommentAnchor, CommentThread, CommentThreadList, DocumentComment } from '@atelier/contract';
import { authorize } from '../../core/authorize';
import { type IdempotencyRequest, idempotent } from '../../core/idempotency';
import type { Db } from '../../db/database';
import { AppError, notFound } from '../../errors';
import type { Publish } from '../../plugins/realtime/types';
import {
  canCommentOnDocument,
  canDeleteComment,
  canReadComments,
  canResolveAnyComment,
  canResolveComment,
} from '../../policy/documents.policy';
import type { Actor } from '../../policy/policy';
import { loadCommentContext } from './comments.access';
import { checkRelativePosition, toThreads } from './comments.content';
import {
  countReplies,
  deleteCommentRow,
  insertReply,
  insertThread,
  listDocumentComments,
  listThreadComments,
  lockThread,
  setThreadResolved,
} from './comments.queries';
import { announceComments } from './comments.realtime';
import { loadDocumentContext } from './documents.access';
import type { CommentsDeps } from './documents.deps';

/**
 * Comment threads on a document: started on a passage, answered, resolved and reopened. Every
 * change is announced in room `document:<id>` in the transaction that makes it, so whoever has
 * the document open sees it at once, and a reconnecting page replays what it missed.
 */

const commentResolved = () => new AppError('comment_resolved', 'this thread is resolved: reopen it to reply');
const threadGone = () => notFound('comment');

/** The thread as it is now, read in the caller's transaction. */
async function readThread(trx: Db, threadId: string): Promise<CommentThread> {
  const [thread] = toThreads(await listThreadComments(trx, threadId));
  if (!thread) throw threadGone();
  return thread;
}

const idempotencyOf = (actor: { id: string }, key: string | undefined, route: string): IdempotencyRequest | null =>
  key ? { userId: actor.id, key, route } : null;

/** `GET /documents/:id/comments`: every thread, open and resolved, with the caller's rights. */
export async function listComments(
  deps: Pick<CommentsDeps, 'db'>,
  input: { actor: Actor; documentId: string },
): Promise<CommentThreadList> {
  const context = await loadDocumentContext(deps.db, input.documentId, input.actor);
  const { actor, facts, membership } = context;
  authorize(context, canReadComments(actor, facts, membership));
  return {
    items: toThreads(await listDocumentComments(deps.db, context.document.id)),
    canComment: canCommentOnDocument(actor, facts, membership),
    canResolveAny: canResolveAnyComment(actor, facts, membership),
  };
}

/** `POST /documents/:id/comments`: a new thread on a passage (signed-in members of the space). */
export async function startThread(
  deps: CommentsDeps,
  input: { actor: Actor; documentId: string; body: string; anchor: CommentAnchor; idempotencyKey?: string | undefined },
): Promise<{ thread: CommentThread }> {
  const context = await loadDocumentContext(deps.db, input.documentId, input.actor);
  authorize(context, canCommentOnDocument(context.actor, context.facts, context.membership));
  const actor = context.actor;
  if (!actor) throw new Error('unreachable: the policy lets no anonymous visitor comment');
  checkRelativePosition(input.anchor.start, 'start');
  checkRelativePosition(input.anchor.end, 'end');
  const documentId = context.document.id;
  const key = idempotencyOf(actor, input.idempotencyKey, `POST /documents/${documentId}/comments`);
  return deps.transaction((trx, publish) =>
    idempotent(trx, key, async () => {
      const { id } = await insertThread(trx, {
        documentId,
        authorId: actor.id,
        body: input.body,
        start: input.anchor.start,
        end: input.anchor.end,
        quote: input.anchor.quote,
      });
      const thread = await readThread(trx, id);
      await announceComments(publish, documentId, 'comment.created', { thread, commentId: id });
      return { thread };
    }),
  );
}

/**
 * The thread a comment id names, locked for the transaction (a reply's id stands for its
 * thread); 404 when it went meanwhile.
 */
async function lockedThreadOf(trx: Db, comment: { id: string; thread_id: string | null }) {
  const thread = await lockThread(trx, comment.thread_id ?? comment.id);
  if (!thread) throw threadGone();
  return thread;
}

/** `POST /comments/:id/replies`: answers a thread that is open (resolved → 409 `comment_resolved`). */
export async function replyToThread(
  deps: CommentsDeps,
  input: { actor: Actor; commentId: string; body: string; idempotencyKey?: string | undefined },
): Promise<{ comment: DocumentComment; thread: CommentThread }> {
  const { comment, context } = await loadCommentContext(deps.db, input.commentId, input.actor);
  authorize(context, canCommentOnDocument(context.actor, context.facts, context.membership));
  const actor = context.actor;
  if (!actor) throw new Error('unreachable: the policy lets no anonymous visitor comment');
  const threadId = comment.thread_id ?? comment.id;
  const key = idempotencyOf(actor, input.idempotencyKey, `POST /comments/${threadId}/replies`);
  return deps.transaction((trx, publish) =>
    idempotent(trx, key, async () => {
      const locked = await lockedThreadOf(trx, comment);
      if (locked.resolved_at) throw commentResolved();
      const { id } = await insertReply(trx, {
        documentId: locked.document_id,
        threadId: locked.id,
        authorId: actor.id,
        body: input.body,
      });
      const thread = await readThread(trx, locked.id);
      const reply = thread.replies.find((candidate) => candidate.id === id);
      if (!reply) throw new Error('unreachable: the reply was just written');
      await announceComments(publish, locked.document_id, 'comment.created', { thread, commentId: id });
      return { comment: reply, thread };
    }),
  );
}

/**
 * `POST /comments/:id/resolve` and `/reopen`: the thread's author, the document's editors and
 * the space's animateur·ices. Doing it twice changes nothing and announces nothing the second
 * time, so two people resolving at once both get the resolved thread.
 */
export async function setResolved(
  deps: CommentsDeps,
  input: { actor: Actor; commentId: string; resolved: boolean },
): Promise<{ thread: CommentThread }> {
  const { comment, context } = await loadCommentContext(deps.db, input.commentId, input.actor);
  const actor = context.actor;
  return deps.transaction(async (trx, publish: Publish) => {
    const locked = await lockedThreadOf(trx, comment);
    authorize(context, canResolveComment(actor, context.facts, context.membership, { authorId: locked.author_id }));
    if (!actor) throw new Error('unreachable: the policy lets no anonymous visitor resolve');
    const changed = await setThreadResolved(trx, locked.id, input.resolved ? actor.id : null);
    const thread = await readThread(trx, locked.id);
    if (changed) {
      await announceComments(publish, locked.document_id, input.resolved ? 'comment.resolved' : 'comment.reopened', {
        thread,
      });
    }
    return { thread };
  });
}

/**
 * `DELETE /comments/:id`: a reply, or a thread without replies (else 409
 * `comment_has_replies`), by its author or whoever runs the space.
 */
export async function deleteComment(deps: CommentsDeps, input: { actor: Actor; commentId: string }): Promise<void> {
  const { comment, context } = await loadCommentContext(deps.db, input.commentId, input.actor);
  authorize(
    context,
    canDeleteComment(context.actor, context.facts, context.membership, { authorId: comment.author_id }),
  );
  await deps.transaction(async (trx, publish) => {
    // The thread's lock first: a reply being written to it commits before the count below.
    const locked = await lockedThreadOf(trx, comment);
    const isThread = comment.thread_id === null;
    if (isThread && (await countReplies(trx, locked.id)) > 0) {
      throw new AppError('comment_has_replies', 'this thread has replies: delete them first');
    }
    if (!(await deleteCommentRow(trx, comment.id))) throw threadGone();
    await announceComments(publish, locked.document_id, 'comment.deleted', {
      threadId: locked.id,
      commentId: comment.id,
      thread: isThread ? null : await readThread(trx, locked.id),
    });
  });
}
