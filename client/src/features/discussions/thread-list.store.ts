import type { SpaceResponse, Thread } from '@atelier/contract';
import { createResource } from 'solid-js';
import { useRoom } from '../../lib/socket';
import { session } from '../accounts/session.store';
import { discussionsApi } from './discussions.api';
import { addThread, bumpThread, dropFromThread, sortThreads, updateThread } from './thread-state';

/**
 * The threads of one space (its Discussions tab): read over HTTP, kept current by room
 * `space:<id>` (new threads, posts counted, unread badges), read again after a missed stretch.
 * Created threads land in the list at once, whichever of the answer and the event comes first.
 */
export function createThreadListStore(data: () => SpaceResponse) {
  const slug = () => data().space.slug;
  const visible = () => data().permissions.viewContent;
  const me = () => session.user()?.id ?? null;
  const [threads, { mutate, refetch }] = createResource(
    () => (visible() ? `${slug()} ${me() ?? ''}` : false),
    async () => sortThreads((await discussionsApi.threads(slug())).items),
  );
  /** Someone else's new thread, for the tab's screen-reader announcements. */
  const arrivals = new Set<(thread: Thread) => void>();

  /** Reads the list again without going back to "Chargement…". */
  const refresh = async () => {
    const fresh = await discussionsApi.threads(slug()).catch(() => null);
    if (fresh) mutate(sortThreads(fresh.items));
  };

  useRoom(() => (visible() ? `space:${data().space.id}` : null), {
    onSubscribed: () => void refresh(),
    onResync: () => void refresh(),
    on: {
      'thread.created': ({ thread }) => {
        // Its first post was announced just before, when the thread was not listed yet.
        const fresh = { ...thread, unreadCount: thread.author.id === me() || !me() ? 0 : thread.postCount };
        mutate(addThread(threads() ?? [], fresh));
        if (thread.author.id !== me()) for (const listener of arrivals) listener(thread);
      },
      'thread.updated': ({ thread }) => mutate(updateThread(threads() ?? [], thread)),
      'post.created': ({ post }) => mutate(bumpThread(threads() ?? [], post, me())),
      'post.deleted': ({ post }) => mutate(dropFromThread(threads() ?? [], post)),
    },
  });

  return {
    threads,
    /** Starts over after a failed first load. */
    reload: () => refetch(),

    /** `key` is kept by the form for a retry of the same submission (never two threads). */
    create: async (title: string, body: string, key: string) => {
      const { thread } = await discussionsApi.createThread(slug(), { title, body }, key);
      mutate(addThread(threads() ?? [], thread));
      return thread;
    },

    markAllRead: async () => {
      await discussionsApi.readAll(slug());
      mutate((threads() ?? []).map((thread) => ({ ...thread, unreadCount: 0 })));
    },

    onArrival: (listener: (thread: Thread) => void) => {
      arrivals.add(listener);
      return () => arrivals.delete(listener);
    },
  };
}
export type ThreadListStore = ReturnType<typeof createThreadListStore>;
