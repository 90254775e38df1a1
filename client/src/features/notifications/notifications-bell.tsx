import type { Notification } from '@atelier/contract';
import { Popover } from '@kobalte/core/popover';
import { useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { notify } from '../../ui/toaster';
import { t, tc } from './notifications.i18n';
import { createNotificationsStore } from './notifications.store';
import '../../ui/menu.css';
import './bell.css';

/**
 * The bell of the signed-in person: how many notifications are unread (live, room
 * `user:<id>`), the latest ones in a Kobalte popover, mark one or all read. Loaded apart, once
 * signed in, with the socket it needs.
 */
export function NotificationsBell(props: { userId: string }) {
  const navigate = useNavigate();
  const [open, setOpen] = createSignal(false);
  const store = createNotificationsStore(() => props.userId);
  const list = store.list;
  const unread = store.unread;

  const openOne = async (notification: Notification) => {
    store.markRead(notification);
    setOpen(false);
    const path = await store.pathOf(notification).catch(() => null);
    if (path) navigate(path);
  };

  const markAll = async () => {
    try {
      await store.markAllRead();
    } catch (error) {
      notify(errorText(error));
    }
  };

  const text = (notification: Notification) => {
    const values = { name: notification.actor.displayName, title: notification.threadTitle };
    const { moderation } = notification;
    if (notification.kind !== 'moderation' || !moderation) return t(`notifications.kind.${notification.kind}`, values);
    const decided = t(`notifications.moderation.${moderation.decision}`, values);
    return moderation.note ? `${decided}. ${t('notifications.moderation.note', { note: moderation.note })}` : decided;
  };

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
