import type { Conversation, MessageSettings } from '@atelier/contract';
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { useRoom } from '../../lib/socket';
import { Avatar } from '../../ui/avatar';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { RadioField } from '../../ui/radio-field';
import { session } from '../accounts/session.store';
import { MessageComposer } from './composer';
import { messagesApi } from './messages.api';
import { t, tc } from './messages.i18n';
import '../discussions/discussions.css';
import './messages.css';

const names = (conversation: Conversation, me: string | null) =>
  conversation.participants
    .filter((person) => person.id !== me)
    .map((person) => person.displayName)
    .join(', ');

/** One's choices: who may write, and the mail. Saved means stored: the form says so after the answer. */
function MessageSettingsForm() {
  const [settings, { mutate }] = createResource(() => messagesApi.settings());
  const [status, setStatus] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const change = (next: Partial<MessageSettings>) => {
    const current = settings();
    if (current) mutate({ ...current, ...next });
    setStatus(null);
  };
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const current = settings();
    if (!current || busy()) return;
    setBusy(true);
    setError(null);
    try {
      mutate(await messagesApi.saveSettings(current));
      setStatus(t('settings.saved'));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="message-settings" aria-labelledby="message-settings-heading">
      <h2 id="message-settings-heading">{t('settings.heading')}</h2>
      <Show when={settings()}>
        {(current) => (
          <form onSubmit={(event) => void save(event)}>
            <RadioField
              label={t('settings.from')}
              name="from"
              hint={t('settings.fromHint')}
              value={current().from}
              onChange={(value) => change({ from: value as MessageSettings['from'] })}
              options={(['everyone', 'spaces', 'nobody'] as const).map((value) => ({
                value,
                label: t(`settings.from.${value}`),
              }))}
            />
            <RadioField
              label={t('settings.mail')}
              name="mail"
              value={current().mail}
              onChange={(value) => change({ mail: value as MessageSettings['mail'] })}
              options={(['each', 'daily', 'off'] as const).map((value) => ({
                value,
                label: t(`settings.mail.${value}`),
              }))}
            />
            <ErrorAlert message={error()} />
            <StatusMessage message={status()} />
            <p class="actions">
              <button type="submit" class="button button--secondary" aria-disabled={busy() ? 'true' : undefined}>
                {t('settings.save')}
              </button>
            </p>
          </form>
        )}
      </Show>
    </section>
  );
}

/** `/messages/nouveau?a=<id>&nom=<name>`: the first message to someone found in the directory. */
function NewMessage(props: { to: string; name: string }) {
  const navigate = useNavigate();
  const title = () => (props.name ? t('messages.new.title', { name: props.name }) : t('messages.new.titleNobody'));
  return (
    <div class="page messages-page">
      <p>
        <A href="/messages">{t('conversation.back')}</A>
      </p>
      <PageHeading title={title()}>{title()}</PageHeading>
      <p class="muted">{t('messages.new.hint')}</p>
      <MessageComposer
        heading={t('messages.new.titleNobody')}
        send={async (key, body) => {
          const created = await messagesApi.start([props.to], body, key);
          navigate(`/messages/${created.conversation.id}`, { replace: true });
        }}
      />
    </div>
  );
}

/** `/messages`: one's conversations (live), and one's settings. */
function ConversationList() {
  const [list, { refetch }] = createResource(() => messagesApi.list());
  const me = () => session.user()?.id ?? null;
  useRoom(() => (me() ? `user:${me()}` : null), {
    on: { 'conversation.activity': () => void refetch() },
    onResync: () => void refetch(),
  });
  return (
    <div class="page messages-page">
      <PageHeading title={t('messages.title')}>{t('messages.title')}</PageHeading>
      <p>{t('messages.lead')}</p>
      <Switch>
        <Match when={list.error}>
          <ErrorAlert message={t('messages.loadError')} />
        </Match>
        <Match when={list()?.items.length === 0}>
          <p class="muted">
            {t('messages.empty')} <A href="/annuaire">{t('messages.toDirectory')}</A>
          </p>
        </Match>
        <Match when={list()}>
          {(loaded) => (
            <ul class="conversations" aria-label={t('messages.listLabel')}>
              <For each={loaded().items}>
                {(conversation) => {
                  const other = () => conversation.participants.find((person) => person.id !== me());
                  return (
                    <li
                      class="conversation-row"
                      classList={{ 'conversation-row--unread': conversation.unreadCount > 0 }}
                    >
                      <Show when={other()}>
                        {(person) => <Avatar name={person().displayName} id={person().id} url={person().avatarUrl} />}
                      </Show>
                      <div class="conversation-row__text">
                        <A href={`/messages/${conversation.id}`} class="conversation-row__link">
                          {names(conversation, me())}
                        </A>
                        <p class="conversation-row__excerpt muted">
                          {conversation.lastExcerpt || t('messages.deleted')}
                        </p>
                      </div>
                      <div class="conversation-row__meta">
                        <time class="muted" datetime={conversation.lastMessageAt}>
                          {formatDateTime(conversation.lastMessageAt, locale())}
                        </time>
                        <Show when={conversation.unreadCount > 0}>
                          <span class="badge">{tc('messages.unread', conversation.unreadCount)}</span>
                        </Show>
                      </div>
                    </li>
                  );
                }}
              </For>
            </ul>
          )}
        </Match>
      </Switch>
      <MessageSettingsForm />
    </div>
  );
}

export default function MessagesPage() {
  const [params] = useSearchParams<{ a?: string; nom?: string }>();
  return (
    <Show when={params.a} fallback={<ConversationList />}>
      {(to) => <NewMessage to={to()} name={params.nom ?? ''} />}
    </Show>
  );
}
