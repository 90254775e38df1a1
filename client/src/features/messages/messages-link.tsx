import { A } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { useRoom } from '../../lib/socket';
import { messagesApi } from './messages.api';
import { t, tc } from './messages.i18n';
import './messages.css';

/**
 * The header's « Messages » with the unread count, kept live by the person's own room
 * (`conversation.activity`: ids only) and read again after a missed stretch. Loaded apart,
 * once signed in, like the bell.
 */
export function MessagesLink(props: { userId: string }) {
  // A failed read (signed out meanwhile, offline) shows no count rather than breaking the header.
  const [list, { refetch }] = createResource(
    () => props.userId,
    () => messagesApi.list().catch(() => undefined),
  );
  const unread = () => list()?.unreadTotal ?? 0;
  useRoom(() => `user:${props.userId}`, {
    on: { 'conversation.activity': () => void refetch() },
    onResync: () => void refetch(),
    onSubscribed: () => void refetch(),
  });
  return (
    <A
      href="/messages"
      class="site-nav__link messages-link"
      aria-label={unread() > 0 ? tc('messages.nav.unread', unread()) : undefined}
    >
      {t('messages.nav')}
      <Show when={unread() > 0}>
        <span class="messages-link__count" aria-hidden="true">
          {unread() > 99 ? '99+' : unread()}
        </span>
      </Show>
    </A>
  );
}
