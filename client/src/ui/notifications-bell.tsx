import type { Notification } from '@atelier/contract';
import { Popover } from '@kobalte/core/popover';
import { useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { discussionsApi } from '../features/discussions/discussions.api';
import { api } from '../lib/api';
import { errorText } from '../lib/form';
import { formatDateTime } from '../lib/format';
import { locale, t, tc } from '../lib/i18n';
import { useRoom } from '../lib/socket';
import { notify } from './toaster';
import './menu.css';
import './bell.css';

/** Where a notification leads: the thread, at the post (the slug comes from the spaces list). */
async function notificationPath(notification: Notification): Promise<string | null> {
  const spaces = await api.get<{ items: { id: string; slug: string }[] }>('/api/spaces');
  const slug = spaces.items.find((space) => space.id === notification.spaceId)?.slug;
  if (!slug) return null;
  return `/espaces/${encodeURIComponent(slug)}/fils/${encodeURIComponent(notification.threadId)}#message-${encodeURIComponent(notification.postId)}`;
}

/**
 * The bell of the signed-in person: how many notifications are unread (live, room
 * `user:<id>`), the latest ones in a Kobalte popover, mark one or all read. Loaded apart, once
 * signed in, with the socket it needs.
 */
export function NotificationsBell(props: { userId: string }) {
  const navigate = useNavigate();
  const [open, setOpen] = createSignal(false);
  const [list, { mutate, refetch }] = createResource(
    () => props.userId,
    () => discussionsApi.notifications(),
  );
  const unread = () => list()?.unreadCount ?? 0;

  useRoom(() => `user:${props.userId}`, {
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

  const markRead = (notification: Notification) => {
    const current = list();
    if (!current || notification.readAt) return;
    mutate({
      ...current,
      unreadCount: Math.max(0, current.unreadCount - 1),
      items: current.items.map((item) =>
        item.id === notification.id ? { ...item, readAt: new Date().toISOString() } : item,
      ),
    });
    void discussionsApi.readNotification(notification.id).catch(() => undefined);
  };

  const openOne = async (notification: Notification) => {
    markRead(notification);
    setOpen(false);
    const path = await notificationPath(notification).catch(() => null);
    if (path) navigate(path);
  };

  const markAll = async () => {
    try {
      await discussionsApi.readAllNotifications();
      const current = list();
      if (current)
        mutate({
          ...current,
          unreadCount: 0,
          items: current.items.map((item) => ({ ...item, readAt: item.readAt ?? new Date().toISOString() })),
        });
    } catch (error) {
      notify(errorText(error));
    }
  };

  const text = (notification: Notification) =>
    t(`notifications.kind.${notification.kind}`, {
      name: notification.actor.displayName,
      title: notification.threadTitle,
    });

  return (
    <Popover open={open()} onOpenChange={setOpen} placement="bottom-end" gutter={6}>
      <Popover.Trigger class="bell__trigger">
        <svg class="bell__icon" viewBox="0 0 24 24" aria-hidden="true">
          <path
            d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm0 19a2.5 2.5 0 0 0 2.4-2h-4.8a2.5 2.5 0 0 0 2.4 2Z"
            fill="currentColor"
          />
        </svg>
        <span class="visually-hidden">
          {unread() > 0 ? tc('notifications.unread', unread()) : t('notifications.label')}
        </span>
        <Show when={unread() > 0}>
          <span class="bell__count" aria-hidden="true">
            {unread() > 99 ? '99+' : unread()}
          </span>
        </Show>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content class="menu bell__panel">
          <div class="bell__head">
            <Popover.Title class="bell__title">{t('notifications.label')}</Popover.Title>
            <Show when={unread() > 0}>
              <button type="button" class="button button--link" onClick={() => void markAll()}>
                {t('notifications.markAllRead')}
              </button>
            </Show>
          </div>
          <Show when={!list.error} fallback={<p>{t('notifications.loadError')}</p>}>
            <Show when={(list()?.items.length ?? 0) > 0} fallback={<p class="muted">{t('notifications.empty')}</p>}>
              <ul class="bell__list">
                <For each={list()?.items ?? []}>
                  {(notification) => (
                    <li class="bell__item" classList={{ 'bell__item--unread': !notification.readAt }}>
                      <button type="button" class="bell__link" onClick={() => void openOne(notification)}>
                        <span class="bell__text">{text(notification)}</span>
                        <span class="bell__excerpt muted">{notification.excerpt}</span>
                        <span class="bell__date muted">{formatDateTime(notification.createdAt, locale())}</span>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Show>
        </Popover.Content>
      </Popover.Portal>
    </Popover>
  );
}
