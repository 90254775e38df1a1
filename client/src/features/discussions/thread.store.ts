import type { Post, ReactionEmoji, Thread, ThreadUpdateBody } from '@atelier/contract';
import { createSignal, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { ApiError } from '../../lib/api';
import { createCatchUp, sendTyping, useRoom } from '../../lib/socket';
import { session } from '../accounts/session.store';
import { discussionsApi } from './discussions.api';
import type { MentionCandidate } from './rich-composer';
import { applyReaction, type ShownPost, upsertPost } from './thread-state';

const TYPING_SHOWN_MS = 6000;

/** Lower case without accents, so that "@eloise" finds "Éloïse". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/**
 * The space's active members, read once on the first "@", filtered by the start of their name
 * or of a word of it.
 */
export function createMentionSource(slug: () => string) {
  let members: Promise<MentionCandidate[]> | null = null;
  return async (query: string): Promise<MentionCandidate[]> => {
    members ??= discussionsApi.members(slug()).then((list) => list.items.map((member) => member.user));
    let people: MentionCandidate[];
    try {
      people = await members;
    } catch (failure) {
      members = null;
      throw failure;
    }
    const wanted = fold(query);
    const me = session.user()?.id ?? null;
    return people.filter(
      (person) =>
        person.id !== me &&
        fold(person.displayName)
          .split(/\s+/)
          .some((_word, index, words) => words.slice(index).join(' ').startsWith(wanted)),
    );
  };
}

/** Who is writing now, from the room's ephemeral `typing` events. */
function createTyping() {
  const [writers, setWriters] = createSignal<Record<string, { name: string; until: number }>>({});
  const timer = setInterval(() => {
    const now = Date.now();
    setWriters((current) => {
      const kept = Object.entries(current).filter(([, writer]) => writer.until > now);
      return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept);
    });
  }, 1000);
  onCleanup(() => clearInterval(timer));
  return {
    names: () => Object.values(writers()).map((writer) => writer.name),
    add: (userId: string, name: string) =>
      setWriters((current) => ({ ...current, [userId]: { name, until: Date.now() + TYPING_SHOWN_MS } })),
    remove: (userId: string) =>
      setWriters((current) => {
        const { [userId]: _gone, ...rest } = current;
        return rest;
      }),
  };
}

/**
 * One thread as shown: its posts (with optimistic ones), the reader's read position, who is
 * here and who is writing, and every action. Live events of room `thread:<id>` (followed once
 * the thread is loaded) and HTTP answers go through the same `upsertPost`, so whichever arrives
 * first, a post appears once.
 */
export function createThreadStore(slug: () => string, threadId: () => string) {
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

  // Live posts and reactions that arrive during a reload are applied again over its answer.
  const catchUp = createCatchUp();

  const load = async (quiet = false) => {
    if (!quiet) setStatus('loading');
    try {
      await catchUp.reload(
        () => discussionsApi.thread(threadId()),
        (detail) => {
          setThread(detail.thread);
          // Keep optimistic rows still waiting; everything else comes from the server.
          const waiting = posts().filter((post) => post.pendingKey);
          let next: ShownPost[] = detail.posts.items;
          for (const post of waiting) next = [...next, post];
          setPosts(next);
          setNextCursor(detail.posts.nextCursor);
          if (!quiet) setFirstUnread(detail.firstUnreadPostId);
        },
      );
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
  const send = async (
    key: string,
    body: string,
    text: string,
    links: { replyToId: string | null; quotePostId: string | null },
  ) => {
    const { replyToId, quotePostId } = links;
    const user = session.user();
    if (!user) return;
    const optimistic: ShownPost = {
      id: `pending-${key}`,
      threadId: threadId(),
      author: { id: user.id, displayName: user.displayName, avatarUrl: user.avatarUrl },
      body: '',
      createdAt: new Date().toISOString(),
      editedAt: null,
      deletedAt: null,
      replyToId,
      quotePostId,
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
      const post = await discussionsApi.createPost(
        threadId(),
        { body, ...(replyToId && { replyToId }), ...(quotePostId && { quotePostId }) },
        key,
      );
      receive(post, key);
      markRead(post.id);
      return post;
    } catch (failure) {
      setPosts((current) => current.map((post) => (post.pendingKey === key ? { ...post, failed: true } : post)));
      throw failure;
    }
  };

  /** Someone else's new post, for the page's screen-reader announcements. */
  const arrivals = new Set<(post: Post) => void>();
  const [presence, setPresence] = createSignal<number | null>(null);
  const typing = createTyping();
  const room = () => (status() === 'ready' ? `thread:${threadId()}` : null);
  const me = () => session.user()?.id ?? null;

  useRoom(room, {
    onSubscribed: () => void load(true),
    onResync: () => void load(true),
    on: {
      'post.created': ({ post }) => {
        const isNew = !posts().some((item) => item.id === post.id);
        catchUp.live(() => receive(post));
        typing.remove(post.author.id);
        if (isNew && post.author.id !== me()) for (const listener of arrivals) listener(post);
      },
      'post.updated': ({ post }) => catchUp.live(() => receive(post)),
      'post.deleted': ({ post }) => catchUp.live(() => receive(post)),
      'reaction.changed': (change) => catchUp.live(() => setPosts((current) => applyReaction(current, change, me()))),
      'thread.updated': ({ thread: updated }) => {
        const current = thread();
        setThread({ ...updated, unreadCount: current?.unreadCount ?? 0, following: !!current?.following });
      },
    },
    ephemeral: {
      presence: ({ count }) => setPresence(count),
      typing: ({ userId, displayName }) => {
        if (userId !== me()) typing.add(userId, displayName);
      },
    },
  });

  /** Pin or lock (animateur·ices); the reader's own unread count and follow state stay. */
  const updateThread = async (body: ThreadUpdateBody) => {
    const current = thread();
    const updated = await discussionsApi.updateThread(threadId(), body);
    const next = { ...updated, unreadCount: current?.unreadCount ?? 0, following: !!current?.following };
    setThread(next);
    return next;
  };

  const follow = async (on: boolean) => {
    await discussionsApi.follow(threadId(), on);
    const current = thread();
    if (current) setThread({ ...current, following: on });
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
    updateThread,
    follow,
    revisions: (postId: string) => discussionsApi.revisions(postId),
    mentions: createMentionSource(slug),
    presence,
    typingNames: typing.names,
    /** Tells the room's other readers that this person is writing (ephemeral, best effort). */
    typing: () => sendTyping(`thread:${threadId()}`),
    onArrival: (listener: (post: Post) => void) => {
      arrivals.add(listener);
      return () => arrivals.delete(listener);
    },
  };
}
export type ThreadStore = ReturnType<typeof createThreadStore>;
