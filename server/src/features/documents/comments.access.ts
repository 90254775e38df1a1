import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { notFound } from '../../errors';
import type { Actor } from '../../policy/policy';
import { findComment } from './comments.queries';
import { type DocumentContext, loadDocumentContext } from './documents.access';

/**
 * A comment and its document's context, for deciding about it. An unknown comment (or a
 * malformed id) is 404 `not_found`; so is one of a document the actor may not know of, by the
 * document's own rule (`authorize` answers for it).
 */
export async function loadCommentContext(
  db: Db,
  commentId: string,
  actor: Actor,
): Promise<{ comment: NonNullable<Awaited<ReturnType<typeof findComment>>>; context: DocumentContext }> {
  const comment = isUuid(commentId) ? await findComment(db, commentId) : undefined;
  if (!comment) throw notFound('comment');
  return { comment, context: await loadDocumentContext(db, comment.document_id, actor) };
}
