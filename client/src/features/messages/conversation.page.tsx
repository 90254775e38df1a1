import { A, useParams } from '@solidjs/router';
import { createEffect, For, Match, on, onCleanup, Show, Switch } from 'solid-js';
import { ErrorAlert } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { session } from '../accounts/session.store';
import { ConnectionIndicator, LiveAnnouncer, useAnnouncer } from '../discussions/live';
import { MessageComposer } from './composer';
import { createConversationStore } from './conversation.store';
import { MessageItem } from './message-item';
import { t, tc } from './messages.i18n';
import '../discussions/discussions.css';
import './messages.css';

/** `/messages/:id`: one conversation, live; its participants only (others get « introuvable »). */
export default function ConversationPage() {
  const params = useParams<{ id: string }>();
  const store = createConversationStore(() => params.id);
  const me = () => session.user()?.id ?? null;
  const others = () =>
    (store.conversation()?.participants ?? [])
      .filter((person) => person.id !== me())
      .map((person) => person.displayName)
      .join(', ');
  const title = () => (store.conversation() ? t('conversation.title', { names: others() }) : t('messages.title'));
  const announcer = useAnnouncer();
  onCleanup(
    store.onArrival((message) =>
      announcer.say(t('conversation.arrived', { name: message.author.displayName }), (count) =>
        tc('conversation.arrivedMany', count),
      ),
    ),
  );
  createEffect(
    on(
      () => params.id,
      () => void store.load(),
    ),
  );

  return (
    <div class="page conversation-page">
      <p>
        <A href="/messages">{t('conversation.back')}</A>
      </p>
      <Switch>
        <Match when={store.status() === 'error'}>
          <PageHeading title={t('messages.title')}>{t('messages.title')}</PageHeading>
          <ErrorAlert message={t('conversation.notFound')} />
        </Match>
        <Match when={store.conversation()}>
          <PageHeading title={title()}>{title()}</PageHeading>
          <ConnectionIndicator />
          <LiveAnnouncer announcer={announcer} />
          <Show when={store.nextBefore()}>
            <p>
              <button type="button" class="button button--secondary" onClick={() => void store.older()}>
                {t('conversation.older')}
              </button>
            </p>
          </Show>
          <ol class="messages" aria-label={t('conversation.listLabel')}>
            <For each={store.messages()}>{(message) => <MessageItem message={message} store={store} me={me()} />}</For>
          </ol>
          <MessageComposer
            heading={t('conversation.composer.heading')}
            clearFirst
            send={(key, body) => store.send(key, body)}
          />
        </Match>
      </Switch>
    </div>
  );
}
