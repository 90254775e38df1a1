import type { Notification, NotificationList } from '@atelier/contract';
import { createResource } from 'solid-js';
import { ApiError } from '../../lib/api';
import { useRoom } from '../../lib/socket';
import { notificationsApi } from './notifications.api';

const readNow = (item: Notification): Notification => ({ ...item, readAt: item.readAt ?? new Date().toISOString() });

/**
 * The signed-in person's notifications: the latest ones and the unread count, kept current by
 * room `user:<id>`. Marking one read shows at once and is not undone (the count is advisory and
 * the next read brings the truth); marking all read waits for the server.
 */
export function createNotificationsStore(userId: () => string) {
  // A session that ended meanwhile (signed out or account erased in another tab or by this
  // one) answers 401 while the room's revocation is being handled: nothing to show, and the
  // session store takes the person out.
  const [list, { mutate, refetch }] = createResource(userId, () =>
    notificationsApi.latest().catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 401) return undefined;
      throw error;
    }),
  );

  useRoom(() => `user:${userId()}`, {
    onSubscribed: () => void refetch(),
    onResync: () => void refetch(),
    on: {
      'notification.created': ({ notification }) => {
        const current = list();
        if (!current || current.items.some((item) => item.id === notification.id)) return;
        mutate({ ...current, items: [notification, ...current.items], unreadCount: current.unreadCount + 1 });
      },
    },
  });

  const update = (change: (current: NotificationList) => NotificationList) => {
    const current = list();
    if (current) mutate(change(current));
  };

  return {
    list,
    unread: () => list()?.unreadCount ?? 0,

    markRead: (notification: Notification) => {
      if (notification.readAt) return;
      update((current) => ({
        ...current,
        unreadCount: Math.max(0, current.unreadCount - 1),
        items: current.items.map((item) => (item.id === notification.id ? readNow(item) : item)),
      }));
      void notificationsApi.read(notification.id).catch(() => undefined);
    },

    markAllRead: async () => {
      await notificationsApi.readAll();
      update((current) => ({ ...current, unreadCount: 0, items: current.items.map(readNow) }));
    },

    /** Where a notification leads: the thread, at the post; null when its space is out of sight. */
    pathOf: async (notification: Notification): Promise<string | null> => {
      const spaces = await notificationsApi.spaces();
      const slug = spaces.find((space) => space.id === notification.spaceId)?.slug;
      if (!slug) return null;
      const thread = `/espaces/${encodeURIComponent(slug)}/fils/${encodeURIComponent(notification.threadId)}`;
      return `${thread}#message-${encodeURIComponent(notification.postId)}`;
    },
  };
}
