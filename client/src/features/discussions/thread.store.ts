import type { Post, ReactionEmoji, Thread } from '@atelier/contract';
import { createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { ApiError } from '../../lib/api';
import { session } from '../accounts/session.store';
import { discussionsApi } from './discussions.api';
import { applyReaction, mergeMine, type ShownPost, upsertPost } from './thread-state';

/**
 * One thread as shown: its posts (with optimistic ones), the reader's read position, and every
 * action. Live events and HTTP answers go through the same `upsertPost`, so whichever arrives
 * first, a post appears once.
 */
export function createThreadStore(threadId: () => string) {
  const [thread, setThread] = createSignal<Thread | null>(null);
  // A store reconciled by id: a post read again keeps its place and its component (an edit in
  // progress survives a refresh); only changed fields update.
  const [state, setState] = createStore<{ posts: ShownPost[] }>({ posts: [] });
  const posts = () => state.posts;
  const setPosts = (next: ShownPost[] | ((current: ShownPost[]) => ShownPost[])) =>
    setState('posts', reconcile(typeof next === 'function' ? next(state.posts) : next, { key: 'id' }));
  const [firstUnread, setFirstUnread] = createSignal<string | null>(null);
  const [nextCursor, setNextCursor] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = createSignal<unknown>(null);
  let readUpTo: string | null = null;
  let readBusy = false;

  const load = async (quiet = false) => {
    if (!quiet) setStatus('loading');
    try {
      const detail = await discussionsApi.thread(threadId());
      setThread(detail.thread);
      // Keep optimistic rows still waiting; everything else comes from the server.
      const waiting = posts().filter((post) => post.pendingKey);
      let next: ShownPost[] = detail.posts.items;
      for (const post of waiting) next = [...next, post];
      setPosts(next);
      setNextCursor(detail.posts.nextCursor);
      if (!quiet) setFirstUnread(detail.firstUnreadPostId);
      setStatus('ready');
    } catch (failure) {
      setError(failure);
      // A quiet reload that finds the thread closed to this person (access changed while the
      // page was open) must say so, not keep showing a thread that no longer updates.
      const closed = failure instanceof ApiError && [401, 403, 404].includes(failure.status);
      if (!quiet || closed) setStatus('error');
    }
  };

  const more = async () => {
    const cursor = nextCursor();
    if (!cursor) return;
    const detail = await discussionsApi.morePosts(threadId(), cursor);
    let next = posts();
    for (const post of detail.posts.items) next = upsertPost(next, post);
    setPosts(next);
    setNextCursor(detail.posts.nextCursor);
  };

  const receive = (post: Post, key?: string) => setPosts((current) => upsertPost(current, post, key));

  /** Sends with `key` (reused on retry, so the server never stores the post twice). */
  const send = async (key: string, body: string, text: string, replyToId: string | null) => {
    const user = session.user();
    if (!user) return;
    const optimistic: ShownPost = {
      id: `pending-${key}`,
      threadId: threadId(),
      author: { id: user.id, displayName: user.displayName },
      body: '',
      createdAt: new Date().toISOString(),
      editedAt: null,
      deletedAt: null,
      replyToId,
      reactions: [],
      mentions: [],
      pendingKey: key,
      pendingText: text,
      pendingBody: body,
    };
    setPosts((current) =>
      current.some((post) => post.pendingKey === key)
        ? current.map((post) => (post.pendingKey === key ? { ...post, failed: false } : post))
        : [...current, optimistic],
    );
    try {
      const post = await discussionsApi.createPost(threadId(), replyToId ? { body, replyToId } : { body }, key);
      receive(post, key);
      markRead(post.id);
      return post;
    } catch (failure) {
      setPosts((current) => current.map((post) => (post.pendingKey === key ? { ...post, failed: true } : post)));
      throw failure;
    }
  };

  const discard = (key: string) => setPosts((current) => current.filter((post) => post.pendingKey !== key));

  /** Moves the read position forward to `postId` (never backwards; the server agrees). */
  const markRead = (postId: string) => {
    if (!session.isSignedIn() || postId.startsWith('pending-') || readUpTo === postId || readBusy) return;
    const order = posts().findIndex((post) => post.id === postId);
    const known = readUpTo ? posts().findIndex((post) => post.id === readUpTo) : -1;
    if (order >= 0 && order <= known) return;
    readBusy = true;
    discussionsApi
      .markRead(threadId(), postId)
      .then(() => {
        readUpTo = postId;
        setFirstUnread(null);
      })
      .catch(() => undefined)
      .finally(() => {
        readBusy = false;
      });
  };

  const react = async (post: ShownPost, emoji: ReactionEmoji) => {
    const on = !post.reactions.find((reaction) => reaction.emoji === emoji)?.mine;
    const reactions = await discussionsApi.react(post.id, emoji, on);
    setPosts((current) => current.map((item) => (item.id === post.id ? { ...item, reactions } : item)));
  };

  const edit = async (postId: string, body: string) => {
    receive(await discussionsApi.editPost(postId, body));
  };

  const remove = async (postId: string) => {
    await discussionsApi.deletePost(postId);
    setPosts((current) =>
      current.map((post) => (post.id === postId ? { ...post, body: '', deletedAt: new Date().toISOString() } : post)),
    );
  };

  return {
    thread,
    setThread,
    posts,
    firstUnread,
    nextCursor,
    status,
    error,
    load,
    more,
    receive,
    send,
    discard,
    markRead,
    react,
    edit,
    remove,
    applyReaction: (change: Parameters<typeof applyReaction>[1]) =>
      setPosts((current) => applyReaction(current, change, session.user()?.id ?? null)),
    mergeMine,
  };
}
export type ThreadStore = ReturnType<typeof createThreadStore>;
