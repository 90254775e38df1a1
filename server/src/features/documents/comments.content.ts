import type { CommentThread, DocumentComment } from '@atelier/contract';
import * as Y from 'yjs';
import { AppError } from '../../errors';
import type { CommentRecord } from './comments.queries';

const toComment = (row: CommentRecord): DocumentComment => ({
  id: row.id,
  author: { id: row.author_id, displayName: row.author_name },
  body: row.body,
  createdAt: row.created_at.toISOString(),
});

/**
 * Rows of one document (or one thread), oldest first, as threads: each first comment with its
 * replies in order. Threads come in the order they were started.
 */
export function toThreads(rows: readonly CommentRecord[]): CommentThread[] {
  const threads = new Map<string, CommentThread>();
  for (const row of rows) {
    if (row.thread_id !== null) continue;
    threads.set(row.id, {
      ...toComment(row),
      documentId: row.document_id,
      anchor: { start: row.anchor_start ?? '', end: row.anchor_end ?? '', quote: row.quote ?? '' },
      replies: [],
      resolvedAt: row.resolved_at?.toISOString() ?? null,
      resolvedBy:
        row.resolved_at && row.resolver_id ? { id: row.resolver_id, displayName: row.resolver_name ?? '' } : null,
    });
  }
  for (const row of rows) {
    if (row.thread_id !== null) threads.get(row.thread_id)?.replies.push(toComment(row));
  }
  return [...threads.values()];
}

/**
 * Checks that an anchor's position is what a Yjs client encodes: base64 (the contract checked
 * the alphabet) of a relative position that decodes and encodes back to the same bytes. Junk
 * is refused here with 400 rather than stored and handed to every reader's editor.
 */
export function checkRelativePosition(encoded: string, field: 'start' | 'end'): void {
  const bytes = Buffer.from(encoded, 'base64');
  let valid = false;
  try {
    const position = Y.decodeRelativePosition(bytes);
    valid = Buffer.from(Y.encodeRelativePosition(position)).equals(bytes);
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new AppError('invalid_input', 'the anchor is not a Yjs relative position', {
      [`body.anchor.${field}`]: ['not a Yjs relative position'],
    });
  }
}
