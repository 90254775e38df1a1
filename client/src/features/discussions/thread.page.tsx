import type { ReactionEmoji, SpaceResponse } from '@atelier/contract';
import { A, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, Match, on, onCleanup, Show, Switch } from 'solid-js';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { contentLang, locale } from '../../lib/i18n';
import { usePageTitle } from '../../lib/page';
import { ErrorAlert } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { session } from '../accounts/session.store';
import { createSpaceStore } from '../spaces/space.store';
import { t, tc } from './discussions.i18n';
import { ConnectionIndicator, LiveAnnouncer, useAnnouncer } from './live';
import { PostItem } from './post-item';
import { type MentionCandidate, RichComposer, type RichComposerHandle } from './rich-composer';
import { createThreadStore, type ThreadStore } from './thread.store';
import type { ShownPost } from './thread-state';
import { ThreadTools } from './thread-tools';
import './discussions.css';

function ReplyComposer(props: {
  store: ThreadStore;
  replyTo: ShownPost | null;
  onCancelReply: () => void;
  /** A post to quote: added to the message, then `onQuoted` clears it. */
  quote: ShownPost | null;
  onQuoted: () => void;
  mentions?: ((query: string) => Promise<MentionCandidate[]>) | undefined;
}) {
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let editor: RichComposerHandle | undefined;
  let quotePostId: string | null = null;

  createEffect(
    on(
      () => props.quote,
      (post) => {
        if (!post || !editor) return;
        editor.quote(post.author.displayName, post.body);
        quotePostId = post.id;
        props.onQuoted();
      },
      { defer: true },
    ),
  );

  createEffect(
    on(
      () => props.replyTo,
      (replyTo) => {
        if (replyTo) editor?.focus();
      },
      { defer: true },
    ),
  );

  const submit = async () => {
    if (busy() || !editor) return;
    setError(null);
    if (editor.isEmpty()) {
      setError(t('error.post_empty'));
      editor.focus();
      return;
    }
    // One key per submission; "Réessayer" on a failed post sends the same key again.
    const key = crypto.randomUUID();
    const body = editor.html();
    const text = editor.text();
    setBusy(true);
    editor.clear();
    const links = { replyToId: props.replyTo?.id ?? null, quotePostId };
    quotePostId = null;
    props.onCancelReply();
    try {
      await props.store.send(key, body, text, links);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="reply-composer"
      aria-labelledby="reply-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="reply-heading">{t('thread.composer.heading')}</h2>
      <Show when={props.replyTo}>
        {(replyTo) => (
          <p class="reply-composer__to">
            {t('thread.composer.replyingTo', { name: replyTo().author.displayName })}{' '}
            <button type="button" class="button button--link" onClick={() => props.onCancelReply()}>
              {t('thread.composer.cancelReply')}
            </button>
          </p>
        )}
      </Show>
      <ErrorAlert message={error()} />
      <RichComposer
        label={t('thread.composer.label')}
        onSubmit={() => void submit()}
        onTyping={() => props.store.typing()}
        {...(props.mentions ? { mentions: props.mentions } : {})}
        ref={(handle) => {
          editor = handle;
        }}
      />
      <p class="actions">
        <button type="submit" class="button button--primary" aria-disabled={busy() ? 'true' : undefined}>
          {busy() ? t('thread.composer.busy') : t('thread.composer.submit')}
        </button>
      </p>
    </form>
  );
}

function ThreadView(props: { slug: string; threadId: string; space: SpaceResponse; store: ThreadStore }) {
  const store = props.store;
  const thread = () => store.thread()!;
  const me = () => session.user()?.id ?? null;
  const member = () => props.space.membership?.status === 'active' || session.user()?.role === 'admin';
  const canModerate = () =>
    props.space.membership?.role === 'animateur' || props.space.permissions.manage || session.user()?.role === 'admin';
  const canWrite = () => member() && !thread().locked;
  const [replyTo, setReplyTo] = createSignal<ShownPost | null>(null);
  const [quoting, setQuoting] = createSignal<ShownPost | null>(null);
  const announcer = useAnnouncer();
  const byId = createMemo(() => new Map(store.posts().map((post) => [post.id, post])));

  usePageTitle(() => store.thread()?.title ?? '');

  onCleanup(
    store.onArrival((post) =>
      announcer.say(t('thread.announce.post', { name: post.author.displayName }), (count) =>
        t('thread.announce.posts', { count }),
      ),
    ),
  );

  // Mark read once the last post has been seen (scrolled into view).
  let sentinel: HTMLDivElement | undefined;
  createEffect(() => {
    if (!sentinel || !session.isSignedIn()) return;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      const last = [...store.posts()].reverse().find((post) => !post.pendingKey);
      if (last) store.markRead(last.id);
    });
    observer.observe(sentinel);
    onCleanup(() => observer.disconnect());
  });
  // A live post arriving while the end of the thread is on screen is read too.
  createEffect(
    on(
      () => store.posts().length,
      () => {
        if (!sentinel) return;
        const box = sentinel.getBoundingClientRect();
        if (box.top < window.innerHeight && box.bottom >= 0) {
          const last = [...store.posts()].reverse().find((post) => !post.pendingKey);
          if (last) store.markRead(last.id);
        }
      },
      { defer: true },
    ),
  );

  // `#message-<id>` from a mail or a notification: bring that post into view.
  const focusPost = (postId: string) => {
    const element = document.getElementById(`message-${postId}`);
    if (!element) return;
    element.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
  };
  createEffect(
    on(
      () => store.status(),
      (status) => {
        if (status !== 'ready') return;
        const hash = decodeURIComponent(location.hash.slice(1));
        if (hash.startsWith('message-')) queueMicrotask(() => focusPost(hash.slice('message-'.length)));
      },
    ),
  );

  const retry = (post: ShownPost) => {
    if (!post.pendingKey) return;
    void store
      .send(post.pendingKey, post.pendingBody ?? '', post.pendingText ?? '', {
        replyToId: post.replyToId,
        quotePostId: post.quotePostId ?? null,
      })
      .catch(() => undefined);
  };

  const typingText = () => {
    const names = store.typingNames();
    return names.length ? tc('thread.typing', names.length, { names: names.join(', ') }) : '';
  };

  return (
    <div class="page thread-page">
      <p class="space__crumbs">
        <A href={`/espaces/${encodeURIComponent(props.slug)}`}>
          {t('thread.back', { space: props.space.space.title })}
        </A>
      </p>
      <header class="thread-page__head">
        <PageHeading title={thread().title}>
          <span lang={contentLang()}>{thread().title}</span>
        </PageHeading>
        <p class="muted">
          {t('thread.startedBy', {
            name: thread().author.displayName,
            date: formatDateTime(thread().createdAt, locale()),
          })}
          <Show when={thread().pinned}>
            {' '}
            <span class="badge badge--pinned">{t('discussions.pinned')}</span>
          </Show>
          <Show when={thread().locked}>
            {' '}
            <span class="badge badge--locked">{t('discussions.locked')}</span>
          </Show>
        </p>
        <ThreadTools
          store={store}
          canManage={props.space.permissions.manage}
          canFollow={session.isSignedIn() && member()}
        />
        <div class="thread-page__live">
          <Show when={(store.presence() ?? 0) > 0}>
            <p class="presence muted">{tc('thread.presence', store.presence() ?? 0)}</p>
          </Show>
          <ConnectionIndicator />
        </div>
        <Show when={store.firstUnread()}>
          {(postId) => (
            <p>
              <a
                class="button button--secondary"
                href={`#message-${postId()}`}
                onClick={(event) => {
                  event.preventDefault();
                  focusPost(postId());
                }}
              >
                {t('thread.firstUnread')}
              </a>
            </p>
          )}
        </Show>
      </header>
      <section aria-label={t('thread.postsLabel')}>
        <ol class="post-list">
          <For each={store.posts()}>
            {(post) => (
              <li>
                <PostItem
                  post={post}
                  replyTo={post.replyToId ? byId().get(post.replyToId) : undefined}
                  me={me()}
                  canReact={member()}
                  canReply={canWrite()}
                  canModerate={canModerate()}
                  onReply={setReplyTo}
                  onQuote={setQuoting}
                  onReact={(target: ShownPost, emoji: ReactionEmoji) => store.react(target, emoji)}
                  onEdit={store.edit}
                  onDelete={store.remove}
                  onRetry={retry}
                  revisions={store.revisions}
                  onDiscard={(target) => target.pendingKey && store.discard(target.pendingKey)}
                />
              </li>
            )}
          </For>
        </ol>
        <Show when={store.nextCursor()}>
          <p>
            <button type="button" class="button button--secondary" onClick={() => void store.more()}>
              {t('thread.morePosts')}
            </button>
          </p>
        </Show>
        <div ref={sentinel} class="post-list__end" />
      </section>
      <p class="typing muted" aria-live="off">
        {typingText()}
      </p>
      <Switch>
        <Match when={thread().locked}>
          <p class="notice notice--info">{t('thread.locked')}</p>
        </Match>
        <Match when={canWrite()}>
          <ReplyComposer
            store={store}
            replyTo={replyTo()}
            onCancelReply={() => setReplyTo(null)}
            quote={quoting()}
            onQuoted={() => setQuoting(null)}
            mentions={props.space.permissions.seeMembers ? store.mentions : undefined}
          />
        </Match>
        <Match when={!session.isSignedIn()}>
          <p class="muted">{t('discussions.signInToPost')}</p>
        </Match>
        <Match when={true}>
          <p class="muted">{t('discussions.joinToPost')}</p>
        </Match>
      </Switch>
      <LiveAnnouncer announcer={announcer} />
    </div>
  );
}

function ThreadLoader(props: { slug: string; threadId: string }) {
  const store = createThreadStore(
    () => props.slug,
    () => props.threadId,
  );
  // The space says what this reader may do here (reply, react, moderate).
  const { space } = createSpaceStore(() => props.slug);
  createEffect(
    on(
      () => (session.status() === 'loading' ? false : (session.user()?.id ?? '')),
      (key) => {
        if (key !== false) void store.load();
      },
    ),
  );
  const error = () => store.error() ?? space.error;
  const missing = () => {
    const failure = error();
    return (
      failure instanceof ApiError &&
      (failure.status === 404 || failure.status === 403 || failure.code === 'invalid_input')
    );
  };
  // A thread of a members-only space, opened while signed out: signing in may open it.
  const signInFirst = () => error() instanceof ApiError && (error() as ApiError).status === 401;
  const back = () => encodeURIComponent(`/espaces/${props.slug}/fils/${props.threadId}`);
  return (
    <Switch
      fallback={
        <p class="page page--loading" role="status">
          {t('page.loading')}
        </p>
      }
    >
      <Match when={(store.status() === 'error' || space.error) && signInFirst()}>
        <div class="page page--narrow">
          <PageHeading title={t('thread.signIn.title')}>{t('thread.signIn.title')}</PageHeading>
          <p class="lead">{t('thread.signIn.text')}</p>
          <p class="actions">
            <A href={`/connexion?retour=${back()}`} class="button button--primary">
              {t('thread.signIn.action')}
            </A>
            <A href={`/espaces/${encodeURIComponent(props.slug)}`} class="button button--secondary">
              {t('thread.backToSpace')}
            </A>
          </p>
        </div>
      </Match>
      <Match when={store.status() === 'error' || space.error}>
        <div class="page page--narrow">
          <PageHeading title={t(missing() ? 'thread.notFound' : 'thread.loadError')}>
            {t(missing() ? 'thread.notFound' : 'thread.loadError')}
          </PageHeading>
          <p class="actions">
            <A href={`/espaces/${encodeURIComponent(props.slug)}`} class="button button--primary">
              {t('thread.backToSpace')}
            </A>
          </p>
        </div>
      </Match>
      <Match when={store.status() === 'ready' && store.thread() && space()}>
        <ThreadView slug={props.slug} threadId={props.threadId} space={space()!} store={store} />
      </Match>
    </Switch>
  );
}

/** `/espaces/:slug/fils/:threadId`: one thread, live. Keyed on the thread: another is another page. */
export default function ThreadPage() {
  const params = useParams<{ slug: string; threadId: string }>();
  return (
    <Show when={`${params.slug}/${params.threadId}`} keyed>
      {(_key) => <ThreadLoader slug={params.slug} threadId={params.threadId} />}
    </Show>
  );
}
