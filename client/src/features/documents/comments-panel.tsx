import {
  COMMENT_BODY_MAX_CHARS,
  type CommentAnchor,
  type CommentThread,
  type DocumentComment,
} from '@atelier/contract';
import { createEffect, createSignal, createUniqueId, For, type JSX, Match, on, Show, Switch } from 'solid-js';
import { createForm, errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { ErrorAlert } from '../../ui/feedback';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import type { Ranges } from './comment-highlights';
import type { CommentsStore } from './comments.store';
import { t, tc } from './documents.i18n';
import './comments.css';

/** A passage chosen for a new thread, with the Idempotency-Key of its submission (kept for « Réessayer »). */
export interface PendingComment {
  anchor: CommentAnchor;
  quote: string;
  key: string;
}

interface CommentsPanelProps {
  store: CommentsStore;
  /** Where each thread's passage is now (from the editor); a missing entry: not known yet. */
  ranges: () => Ranges;
  /** The editor has the content: a thread without a range has lost its passage. */
  synced: () => boolean;
  pending: () => PendingComment | null;
  onCancelPending: () => void;
  onStart: () => void;
  /** Why « Commenter » did nothing (no passage selected). */
  hint: () => string | null;
  active: () => string | null;
  onActivate: (threadId: string, focus: boolean) => void;
  signedIn: boolean;
}

const shortQuote = (quote: string) => (quote.length > 60 ? `${quote.slice(0, 59)}…` : quote);

/** Plain-text bodies, as typed: line breaks kept by CSS, never HTML. */
function CommentBody(props: { comment: DocumentComment }) {
  return (
    <div class="comment">
      <p class="comment__meta">
        <span class="comment__author">{props.comment.author.displayName}</span>
        <span class="muted">
          {' · '}
          <time datetime={props.comment.createdAt}>{formatDateTime(props.comment.createdAt, locale())}</time>
        </span>
      </p>
      <p class="comment__body">{props.comment.body}</p>
    </div>
  );
}

/** The body field of a new thread or a reply, checked like the server does. */
function bodyErrors(body: string) {
  const trimmed = body.trim();
  if (!trimmed) return { body: t('comments.body.required') };
  if (trimmed.length > COMMENT_BODY_MAX_CHARS)
    return { body: t('comments.body.tooLong', { max: COMMENT_BODY_MAX_CHARS }) };
  return {};
}

function NewThreadForm(props: {
  pending: PendingComment;
  store: CommentsStore;
  onDone: (thread: CommentThread) => void;
  onCancel: () => void;
}) {
  const [body, setBody] = createSignal('');
  const form = createForm<'body'>();
  const submit = form.handleSubmit(
    () => bodyErrors(body()),
    async () => props.onDone(await props.store.start(body().trim(), props.pending.anchor, props.pending.key)),
  );
  return (
    <form class="comments__new" onSubmit={submit} novalidate>
      <h3 class="comments__subheading">{t('comments.new.legend')}</h3>
      <p class="comments__quote-label muted">{t('comments.new.quote')}</p>
      <blockquote class="comments__quote">{props.pending.quote}</blockquote>
      <ErrorAlert message={form.formError()} />
      <TextInput
        class="comments__field"
        label={t('comments.new.label')}
        name="body"
        value={body()}
        onInput={(value) => {
          setBody(value);
          form.clearError('body');
        }}
        error={form.error('body')}
        multiline
        rows={3}
        required
      />
      <p class="actions">
        <SubmitButton label={t('comments.new.submit')} busyLabel={t('comments.new.busy')} busy={form.busy()} />
        <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
          {t('comments.new.cancel')}
        </button>
      </p>
    </form>
  );
}

function ReplyForm(props: { thread: CommentThread; store: CommentsStore; onDone: () => void }) {
  const [body, setBody] = createSignal('');
  // One key per reply being written, so that « Réessayer » after a lost answer never posts twice.
  let key = crypto.randomUUID();
  const form = createForm<'body'>();
  const submit = form.handleSubmit(
    () => bodyErrors(body()),
    async () => {
      await props.store.reply(props.thread.id, body().trim(), key);
      key = crypto.randomUUID();
      setBody('');
      props.onDone();
    },
  );
  return (
    <form class="comments__reply" onSubmit={submit} novalidate>
      <ErrorAlert message={form.formError()} />
      <TextInput
        class="comments__field"
        label={t('comments.reply.label')}
        name="body"
        value={body()}
        onInput={(value) => {
          setBody(value);
          form.clearError('body');
        }}
        error={form.error('body')}
        multiline
        rows={2}
      />
      <p class="actions">
        <SubmitButton
          label={t('comments.reply.submit')}
          busyLabel={t('comments.reply.busy')}
          busy={form.busy()}
          variant="secondary"
        />
      </p>
    </form>
  );
}

function ThreadView(props: { thread: CommentThread; panel: CommentsPanelProps; say: (message: string) => void }) {
  const id = createUniqueId();
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const store = () => props.panel.store;
  const range = () => props.panel.ranges().get(props.thread.id);
  const deleted = () => props.panel.synced() && props.panel.ranges().has(props.thread.id) && range() === null;
  const resolved = () => props.thread.resolvedAt !== null;
  const quote = () => shortQuote(props.thread.anchor.quote);

  const act = async (work: () => Promise<unknown>, done: string) => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      await work();
      props.say(done);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  /** A click on the thread itself (not on one of its controls) shows its passage. */
  const onCardClick: JSX.EventHandler<HTMLElement, MouseEvent> = (event) => {
    if ((event.target as HTMLElement).closest('button, a, textarea, input, label, summary')) return;
    props.panel.onActivate(props.thread.id, false);
  };

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a shortcut for the mouse; keyboards have « Voir le passage », a real button.
    <article
      class="comment-thread"
      classList={{
        'comment-thread--active': props.panel.active() === props.thread.id,
        'comment-thread--resolved': resolved(),
      }}
      aria-labelledby={`${id}-quote`}
      data-thread={props.thread.id}
      tabindex="-1"
      onClick={onCardClick}
    >
      <div class="comment-thread__passage">
        <h3 id={`${id}-quote`} class="visually-hidden">
          {t('comments.passage')} : {quote()}
        </h3>
        <Show
          when={!deleted()}
          fallback={
            <p class="comment-thread__deleted">
              <span class="comment-thread__deleted-label">{t('comments.passageDeleted')}</span>{' '}
              <s class="comment-thread__quote">{props.thread.anchor.quote}</s>
            </p>
          }
        >
          <blockquote class="comment-thread__quote">{props.thread.anchor.quote}</blockquote>
          <Show when={range()}>
            <button
              type="button"
              class="button button--link comment-thread__show"
              aria-label={t('comments.showPassageLabel', { quote: quote() })}
              onClick={() => props.panel.onActivate(props.thread.id, true)}
            >
              {t('comments.showPassage')}
            </button>
          </Show>
        </Show>
      </div>
      <CommentBody comment={props.thread} />
      <Show when={props.thread.replies.length > 0}>
        <ol class="comment-thread__replies" aria-label={tc('comments.replies', props.thread.replies.length)}>
          <For each={props.thread.replies}>
            {(reply) => (
              <li>
                <CommentBody comment={reply} />
                <Show when={store().canDelete(reply)}>
                  <button
                    type="button"
                    class="button button--link comment__delete"
                    aria-label={t('comments.deleteLabel', { name: reply.author.displayName })}
                    onClick={() => void act(() => store().remove(props.thread, reply.id), t('comments.deleted'))}
                  >
                    {t('comments.delete')}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={resolved() && props.thread.resolvedBy}>
        {(by) => (
          <p class="comment-thread__resolved muted">
            {t('comments.resolvedBy', {
              name: by().displayName,
              date: formatDateTime(props.thread.resolvedAt ?? '', locale()),
            })}
          </p>
        )}
      </Show>
      <ErrorAlert message={error()} />
      <p class="comment-thread__actions">
        <Show when={store().canResolve(props.thread)}>
          <button
            type="button"
            class="button button--secondary button--small"
            aria-label={t(resolved() ? 'comments.reopenLabel' : 'comments.resolveLabel', { quote: quote() })}
            aria-busy={busy() || undefined}
            onClick={() =>
              void act(
                () => store().setResolved(props.thread.id, !resolved()),
                t(resolved() ? 'comments.reopened' : 'comments.resolved'),
              )
            }
          >
            {t(resolved() ? 'comments.reopen' : 'comments.resolve')}
          </button>
        </Show>
        <Show when={props.thread.replies.length === 0 && store().canDelete(props.thread)}>
          <button
            type="button"
            class="button button--link comment__delete"
            aria-label={t('comments.deleteLabel', { name: props.thread.author.displayName })}
            onClick={() => void act(() => store().remove(props.thread, props.thread.id), t('comments.deleted'))}
          >
            {t('comments.delete')}
          </button>
        </Show>
      </p>
      <Show when={!resolved() && store().canComment()}>
        <ReplyForm thread={props.thread} store={store()} onDone={() => props.say(t('comments.reply.done'))} />
      </Show>
    </article>
  );
}

/**
 * The comment threads of a document: in the margin beside the editor on a wide screen, below
 * it on a phone (comments.css). Open threads follow the order of their passages in the text;
 * resolved ones wait, collapsed, under « Fils résolus ». One polite live region says what
 * others wrote or resolved, and what the reader's own actions did.
 */
export function CommentsPanel(props: CommentsPanelProps) {
  const headingId = createUniqueId();
  // The live region reads whichever message came last: the reader's own, or others' news.
  // Cleared first, so that the same words said twice are announced twice.
  const [live, setLive] = createSignal('');
  const say = (message: string) => {
    setLive('');
    queueMicrotask(() => setLive(message));
  };
  createEffect(on(props.store.announcement, (news) => news && say(news.text), { defer: true }));

  const open = () => {
    const ranges = props.ranges();
    const position = (thread: CommentThread) => ranges.get(thread.id)?.from ?? Number.POSITIVE_INFINITY;
    return props.store
      .threads()
      .filter((thread) => thread.resolvedAt === null)
      .sort((a, b) => position(a) - position(b) || a.createdAt.localeCompare(b.createdAt));
  };
  const resolved = () => props.store.threads().filter((thread) => thread.resolvedAt !== null);

  const focusThread = (threadId: string) =>
    queueMicrotask(() => document.querySelector<HTMLElement>(`[data-thread="${threadId}"]`)?.focus());

  return (
    <aside class="comments" aria-labelledby={headingId}>
      <div class="comments__head">
        <h2 id={headingId} class="comments__heading">
          {t('comments.heading')} <span class="muted comments__count">({tc('comments.count', open().length)})</span>
        </h2>
        <Show when={props.store.canComment()}>
          <button
            type="button"
            class="button button--secondary comments__start"
            aria-keyshortcuts="Control+Alt+M"
            // Keeps the passage selected in the editor while the button is pressed.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => props.onStart()}
          >
            {t('comments.commentSelection')}
          </button>
        </Show>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {live()}
      </p>
      <div role="status" class="status-region">
        <Show when={props.hint()}>
          <p class="notice notice--info comments__hint">{props.hint()}</p>
        </Show>
      </div>
      <Show when={props.pending()}>
        {(pending) => (
          <NewThreadForm
            pending={pending()}
            store={props.store}
            onCancel={props.onCancelPending}
            onDone={(thread) => {
              props.onCancelPending();
              say(t('comments.new.done'));
              props.onActivate(thread.id, false);
              focusThread(thread.id);
            }}
          />
        )}
      </Show>
      <Switch>
        <Match when={props.store.list.error && !props.store.list.latest}>
          <div class="notice notice--error" role="alert">
            <p>{t('comments.loadError')}</p>
            <p>
              <button type="button" class="button button--secondary" onClick={() => props.store.retry()}>
                {t('common.retry')}
              </button>
            </p>
          </div>
        </Match>
        <Match when={!props.store.list.latest}>
          <p class="muted">{t('comments.loading')}</p>
        </Match>
        <Match when={true}>
          <Show when={!props.store.canComment()}>
            <p class="muted comments__note">{t(props.signedIn ? 'comments.joinToComment' : 'comments.signIn')}</p>
          </Show>
          <Show when={props.store.threads().length === 0 && !props.pending()}>
            <p class="muted">{t(props.store.canComment() ? 'comments.emptyCanComment' : 'comments.empty')}</p>
          </Show>
          <Show when={open().length > 0}>
            <ol class="comments__list">
              <For each={open()}>
                {(thread) => (
                  <li>
                    <ThreadView thread={thread} panel={props} say={say} />
                  </li>
                )}
              </For>
            </ol>
          </Show>
          <Show when={resolved().length > 0}>
            <details class="comments__resolved">
              <summary>{t('comments.resolvedThreads', { count: resolved().length })}</summary>
              <ol class="comments__list">
                <For each={resolved()}>
                  {(thread) => (
                    <li>
                      <ThreadView thread={thread} panel={props} say={say} />
                    </li>
                  )}
                </For>
              </ol>
            </details>
          </Show>
        </Match>
      </Switch>
    </aside>
  );
}
