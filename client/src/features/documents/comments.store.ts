import { type CommentAnchor, type CommentThread, type CommentThreadList, rooms } from '@atelier/contract';
import { createResource, createSignal } from 'solid-js';
import { createCatchUp, useRoom } from '../../lib/socket';
import { session } from '../accounts/session.store';
import { documentsApi } from './documents.api';
import { t } from './documents.i18n';

/** Threads in the order they were started (the server's order), one copy of each. */
export function upsertThread(threads: readonly CommentThread[], thread: CommentThread): CommentThread[] {
  const rest = threads.filter((candidate) => candidate.id !== thread.id);
  return [...rest, thread].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * A document's comment threads as its page shows them: read over HTTP (with the reader's own
 * rights to comment and resolve), then kept live on room `document:<id>`. Every event carries
 * the whole thread, so applying one is an upsert and applying it twice changes nothing.
 * `announcement` is what the page's live region reads: others' new comments and resolutions.
 */
export function createCommentsStore(documentId: () => string) {
  const [list, { mutate, refetch }] = createResource(
    () => (session.status() === 'loading' ? false : `${documentId()} ${session.user()?.id ?? ''}`),
    () => documentsApi.comments(documentId()),
  );
  // A new object each time: the same words said again are news again.
  const [announcement, setAnnouncement] = createSignal<{ text: string } | null>(null);
  const catchUp = createCatchUp();
  const me = () => session.user()?.id ?? null;

  const change = (update: (threads: readonly CommentThread[]) => CommentThread[]) =>
    mutate((current) => (current ? { ...current, items: update(current.items) } : current));
  const put = (thread: CommentThread) => change((threads) => upsertThread(threads, thread));
  /** Says it only for what others did: one's own actions say so where they were made. */
  const announce = (who: { id: string }, text: string) => {
    if (who.id !== me()) setAnnouncement({ text });
  };
  const reload = () =>
    void catchUp
      .reload(
        () => documentsApi.comments(documentId()),
        (fresh: CommentThreadList) => mutate(fresh),
      )
      .catch(() => undefined);

  useRoom(() => rooms.document(documentId()), {
    onSubscribed: reload,
    onResync: reload,
    on: {
      'comment.created': ({ thread, commentId }) =>
        catchUp.live(() => {
          if (thread.documentId !== documentId()) return;
          const isReply = commentId !== thread.id;
          const comment = isReply ? thread.replies.find((reply) => reply.id === commentId) : thread;
          const known = list.latest?.items.find((item) => item.id === thread.id);
          const seen = isReply ? known?.replies.some((reply) => reply.id === commentId) : known !== undefined;
          put(thread);
          if (comment && !seen) {
            const name = comment.author.displayName;
            announce(
              comment.author,
              isReply ? t('comments.live.replied', { name }) : t('comments.live.created', { name }),
            );
          }
        }),
      'comment.resolved': ({ thread }) =>
        catchUp.live(() => {
          if (thread.documentId !== documentId()) return;
          const wasOpen = !list.latest?.items.find((item) => item.id === thread.id)?.resolvedAt;
          put(thread);
          if (wasOpen && thread.resolvedBy) {
            announce(thread.resolvedBy, t('comments.live.resolved', { name: thread.resolvedBy.displayName }));
          }
        }),
      'comment.reopened': ({ thread }) => catchUp.live(() => thread.documentId === documentId() && put(thread)),
      'comment.deleted': ({ threadId, thread }) =>
        catchUp.live(() => {
          if (thread) put(thread);
          else change((threads) => threads.filter((item) => item.id !== threadId));
        }),
    },
  });

  return {
    list,
    threads: () => list.latest?.items ?? [],
    canComment: () => list.latest?.canComment ?? false,
    /** May resolve or reopen this thread: any of them, or one's own while one may comment. */
    canResolve: (thread: CommentThread) =>
      (list.latest?.canResolveAny ?? false) || (thread.author.id === me() && (list.latest?.canComment ?? false)),
    /** Deleting is offered to authors only (those who run the space may, from the API). */
    canDelete: (comment: { author: { id: string } }) => comment.author.id === me(),
    announcement,
    retry: () => refetch(),

    start: async (body: string, anchor: CommentAnchor, key: string) => {
      const thread = await documentsApi.startThread(documentId(), { body, anchor }, key);
      put(thread);
      return thread;
    },
    reply: async (threadId: string, body: string, key: string) => {
      const { thread } = await documentsApi.reply(threadId, body, key);
      put(thread);
      return thread;
    },
    setResolved: async (threadId: string, resolved: boolean) => {
      const thread = await documentsApi.setResolved(threadId, resolved);
      put(thread);
      return thread;
    },
    remove: async (thread: CommentThread, commentId: string) => {
      await documentsApi.deleteComment(commentId);
      if (commentId === thread.id) change((threads) => threads.filter((item) => item.id !== thread.id));
      else put({ ...thread, replies: thread.replies.filter((reply) => reply.id !== commentId) });
    },
  };
}
export type CommentsStore = ReturnType<typeof createCommentsStore>;
