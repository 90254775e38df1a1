import { type SpaceResponse, type Thread, UNREAD_COUNT_MAX } from '@atelier/contract';
import { A, useNavigate } from '@solidjs/router';
import { createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { ErrorAlert } from '../../ui/feedback';
import { TextInput } from '../../ui/text-field';
import { notify } from '../../ui/toaster';
import { session } from '../accounts/session.store';
import { t, tc } from './discussions.i18n';
import { ConnectionIndicator, LiveAnnouncer, useAnnouncer } from './live';
import { type MentionCandidate, RichComposer, type RichComposerHandle } from './rich-composer';
import { createMentionSource } from './thread.store';
import { createThreadListStore, type ThreadListStore } from './thread-list.store';
import './discussions.css';

export const threadPath = (slug: string, threadId: string) =>
  `/espaces/${encodeURIComponent(slug)}/fils/${encodeURIComponent(threadId)}`;

/** A new thread: its title and first post, written with the same rich composer as replies. */
function NewThreadForm(props: {
  store: ThreadListStore;
  mentions?: ((query: string) => Promise<MentionCandidate[]>) | undefined;
  onCreated: (thread: Thread) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [titleError, setTitleError] = createSignal<string | undefined>();
  const [bodyError, setBodyError] = createSignal<string | null>(null);
  let editor: RichComposerHandle | undefined;
  // One key per submission attempt, kept for a retry of the same one.
  let key: string | null = null;

  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (busy() || !editor) return;
    setError(null);
    setTitleError(undefined);
    setBodyError(null);
    if (!title().trim()) {
      setTitleError(t('error.invalid_input'));
      return;
    }
    if (editor.isEmpty()) {
      setBodyError(t('error.post_empty'));
      editor.focus();
      return;
    }
    key ??= crypto.randomUUID();
    setBusy(true);
    try {
      const created = await props.store.create(title().trim(), editor.html(), key);
      key = null;
      props.onCreated(created);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="new-thread card" onSubmit={submit} aria-labelledby="new-thread-heading" novalidate>
      <h3 id="new-thread-heading">{t('discussions.newThread.heading')}</h3>
      <ErrorAlert message={error()} />
      <TextInput
        label={t('discussions.newThread.title')}
        name="title"
        value={title()}
        onInput={(value) => {
          setTitle(value);
          key = null;
        }}
        required
        maxLength={200}
        error={titleError()}
      />
      <RichComposer
        label={t('discussions.newThread.body')}
        onSubmit={() => void submit()}
        onTyping={() => {
          key = null;
        }}
        error={bodyError()}
        {...(props.mentions ? { mentions: props.mentions } : {})}
        ref={(handle) => {
          editor = handle;
        }}
      />
      <p class="actions">
        <button type="submit" class="button button--primary" aria-disabled={busy() ? 'true' : undefined}>
          {busy() ? t('discussions.newThread.busy') : t('discussions.newThread.submit')}
        </button>
        <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
          {t('discussions.newThread.cancel')}
        </button>
      </p>
    </form>
  );
}

function ThreadRow(props: { slug: string; thread: Thread }) {
  return (
    <li class="thread-row">
      <div class="thread-row__main">
        <A class="thread-row__title" href={threadPath(props.slug, props.thread.id)}>
          {props.thread.title}
        </A>
        <Show when={props.thread.pinned}>
          <span class="badge badge--pinned">{t('discussions.pinned')}</span>
        </Show>
        <Show when={props.thread.locked}>
          <span class="badge badge--locked">{t('discussions.locked')}</span>
        </Show>
        <Show when={props.thread.unreadCount > 0}>
          <span class="badge badge--unread">
            {props.thread.unreadCount >= UNREAD_COUNT_MAX
              ? t('discussions.unreadMany', { count: UNREAD_COUNT_MAX })
              : tc('discussions.unread', props.thread.unreadCount)}
          </span>
        </Show>
      </div>
      <p class="thread-row__meta muted">
        {tc('discussions.posts', props.thread.postCount)} ·{' '}
        {t('discussions.lastPost', { date: formatDateTime(props.thread.lastPostAt, locale()) })}
      </p>
    </li>
  );
}

/** The Discussions tab of a space: its threads, live, with unread badges and a new-thread form. */
export function ThreadList(props: { data: SpaceResponse }) {
  const navigate = useNavigate();
  const slug = () => props.data.space.slug;
  const canPost = () => props.data.membership?.status === 'active' || session.user()?.role === 'admin';
  const store = createThreadListStore(() => props.data);
  const threads = store.threads;
  const [composing, setComposing] = createSignal(false);
  const [status, setStatus] = createSignal<string | null>(null);
  const announcer = useAnnouncer();
  let newButton: HTMLButtonElement | undefined;

  onCleanup(store.onArrival((thread) => announcer.say(t('discussions.announce.thread', { title: thread.title }))));

  const markAll = async () => {
    try {
      await store.markAllRead();
      setStatus(t('discussions.markedAllRead'));
    } catch (error) {
      notify(errorText(error));
    }
  };

  return (
    <section class="discussions" aria-labelledby="discussions-heading">
      <div class="discussions__head">
        <h2 id="discussions-heading" class="visually-hidden">
          {t('discussions.heading')}
        </h2>
        <ConnectionIndicator />
      </div>
      <Switch>
        <Match when={!props.data.permissions.viewContent}>
          <p>{t('discussions.membersOnly')}</p>
        </Match>
        <Match when={threads.error}>
          <ErrorAlert message={t('discussions.loadError')}>
            <button type="button" class="button button--secondary" onClick={() => void store.reload()}>
              {t('common.retry')}
            </button>
          </ErrorAlert>
        </Match>
        <Match when={threads()}>
          {(list) => (
            <>
              <div class="discussions__tools actions">
                <Show when={canPost() && !composing()}>
                  <button
                    type="button"
                    class="button button--primary"
                    ref={newButton}
                    onClick={() => {
                      setComposing(true);
                      queueMicrotask(() => document.querySelector<HTMLInputElement>('.new-thread input')?.focus());
                    }}
                  >
                    {t('discussions.newThread')}
                  </button>
                </Show>
                <Show when={session.isSignedIn() && list().some((thread) => thread.unreadCount > 0)}>
                  <button type="button" class="button button--secondary" onClick={() => void markAll()}>
                    {t('discussions.markAllRead')}
                  </button>
                </Show>
              </div>
              <Show when={composing()}>
                <NewThreadForm
                  store={store}
                  mentions={props.data.permissions.seeMembers ? createMentionSource(slug) : undefined}
                  onCancel={() => {
                    setComposing(false);
                    queueMicrotask(() => newButton?.focus());
                  }}
                  onCreated={(thread) => {
                    notify(t('discussions.newThread.done', { title: thread.title }));
                    navigate(threadPath(slug(), thread.id));
                  }}
                />
              </Show>
              <Show when={!canPost()}>
                <p class="muted">{t(session.isSignedIn() ? 'discussions.joinToPost' : 'discussions.signInToPost')}</p>
              </Show>
              <Show
                when={list().length > 0}
                fallback={<p>{t(canPost() ? 'discussions.emptyMember' : 'discussions.empty')}</p>}
              >
                <ul class="thread-list" aria-label={t('discussions.listLabel')}>
                  <For each={list()}>{(thread) => <ThreadRow slug={slug()} thread={thread} />}</For>
                </ul>
              </Show>
            </>
          )}
        </Match>
      </Switch>
      <div role="status" class="visually-hidden">
        {status()}
      </div>
      <LiveAnnouncer announcer={announcer} />
    </section>
  );
}
