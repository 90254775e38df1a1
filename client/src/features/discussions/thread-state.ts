import type { Post, ReactionSummary, RealtimeEventData, Thread } from '@atelier/contract';

/**
 * Pure rules of the discussion views, unit-tested: where a live post goes, how an optimistic
 * post meets the server's, how reactions and thread lists follow the events.
 */

/** Pinned first, then the latest activity first: the server's order. */
export function sortThreads(threads: Thread[]): Thread[] {
  return [...threads].sort(
    (a, b) => Number(b.pinned) - Number(a.pinned) || Date.parse(b.lastPostAt) - Date.parse(a.lastPostAt),
  );
}

/** A new thread appears once, whatever the order of the HTTP answer and the live event. */
export function addThread(threads: Thread[], thread: Thread): Thread[] {
  if (threads.some((item) => item.id === thread.id)) return threads;
  return sortThreads([...threads, thread]);
}

/** A live post counts in its thread; someone else's post is unread for me. */
export function bumpThread(threads: Thread[], post: Post, me: string | null): Thread[] {
  return sortThreads(
    threads.map((thread) =>
      thread.id === post.threadId
        ? {
            ...thread,
            postCount: thread.postCount + 1,
            lastPostAt: Date.parse(post.createdAt) > Date.parse(thread.lastPostAt) ? post.createdAt : thread.lastPostAt,
            unreadCount: thread.unreadCount + (me && post.author.id !== me ? 1 : 0),
          }
        : thread,
    ),
  );
}

/** A deleted post no longer counts (nor is it unread). */
export function dropFromThread(threads: Thread[], post: Post): Thread[] {
  return threads.map((thread) =>
    thread.id === post.threadId ? { ...thread, postCount: Math.max(0, thread.postCount - 1) } : thread,
  );
}

/** A thread updated by an animateur·ice keeps my own unread count and follow state. */
export function updateThread(threads: Thread[], thread: Thread): Thread[] {
  return sortThreads(
    threads.map((item) =>
      item.id === thread.id ? { ...thread, unreadCount: item.unreadCount, following: item.following } : item,
    ),
  );
}

/** A post written here but not yet confirmed: `pending` until the server answers. */
export interface ShownPost extends Post {
  /** The Idempotency-Key of the submission, while it is not confirmed. */
  pendingKey?: string;
  /** What the person typed, shown as text until the server's sanitized body replaces it. */
  pendingText?: string;
  /** The HTML sent, kept to send the same again on retry. */
  pendingBody?: string;
  failed?: boolean;
}

/**
 * Puts the server's post in place: replaces the same id, or the optimistic post of the same
 * submission (`key`), or appends it. The HTTP answer and the live `post.created` may come in
 * either order; both land on the same row, never two.
 */
export function upsertPost(posts: ShownPost[], post: Post, key?: string): ShownPost[] {
  const byId = posts.findIndex((item) => item.id === post.id && !item.pendingKey);
  if (byId >= 0) {
    const existing = posts[byId]!;
    const rest = key === undefined ? posts : posts.filter((item) => item.pendingKey !== key);
    // The same post seen again (event after answer): keep what the reader already has.
    const sameHidden = !!existing.hidden === !!post.hidden;
    if (existing.editedAt === post.editedAt && existing.deletedAt === post.deletedAt && sameHidden) return rest;
    return rest.map((item) => (item === existing ? merged(existing, post) : item));
  }
  // The optimistic row of this submission; for a live post of mine that beats the HTTP answer,
  // my oldest waiting row (posts are created in the order they were sent).
  const byKey =
    key !== undefined
      ? posts.findIndex((item) => item.pendingKey === key)
      : posts.findIndex((item) => item.pendingKey !== undefined && !item.failed && item.author.id === post.author.id);
  if (byKey >= 0) return posts.map((item, index) => (index === byKey ? post : item));
  return [...posts, post];
}

/**
 * A post received again, over what the reader has. Broadcasts are shaped for any reader: a
 * post hidden by moderation comes with an empty body, and without the reader's own
 * `authorBlocked`. The body already here is kept (whether it is shown is the view's decision:
 * its author and moderators read it under a banner), and so is `authorBlocked`.
 */
function merged(existing: ShownPost, post: Post): ShownPost {
  const keepBody = !!post.hidden && !post.deletedAt && post.body === '' && existing.body !== '';
  return {
    ...post,
    ...(keepBody ? { body: existing.body } : {}),
    ...(post.authorBlocked === undefined && existing.authorBlocked ? { authorBlocked: true } : {}),
    reactions: mergeMine(post.reactions, existing.reactions),
  };
}

/** Broadcast reaction summaries say `mine: false`; the reader's own flags stay as they were. */
export function mergeMine(fresh: ReactionSummary[], known: ReactionSummary[]): ReactionSummary[] {
  return fresh.map((reaction) => ({
    ...reaction,
    mine: known.find((item) => item.emoji === reaction.emoji)?.mine ?? false,
  }));
}

/** Applies a `reaction.changed` event; the reader's own change sets their `mine` flag. */
export function applyReaction(
  posts: ShownPost[],
  change: RealtimeEventData<'reaction.changed'>,
  me: string | null,
): ShownPost[] {
  return posts.map((post) => {
    if (post.id !== change.postId) return post;
    const reactions = mergeMine(change.reactions, post.reactions).map((reaction) =>
      me && change.userId === me && reaction.emoji === change.emoji ? { ...reaction, mine: change.added } : reaction,
    );
    return { ...post, reactions };
  });
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Plain text as the server's HTML subset: blank lines make paragraphs, single ones `<br>`. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraph.replace(/[&<>"']/g, (char) => ESCAPES[char]!).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
