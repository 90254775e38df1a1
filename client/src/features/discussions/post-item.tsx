import { type PostRevision, REACTION_EMOJIS, type ReactionEmoji } from '@atelier/contract';
import { createSignal, For, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { contentLang, locale } from '../../lib/i18n';
import { Avatar } from '../../ui/avatar';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Emoji } from '../../ui/emoji';
import { notify } from '../../ui/toaster';
import { ModeratedBody, PostModerationActions } from '../moderation/post-moderation';
import { type MessageKey, t } from './discussions.i18n';
import { EditHistory } from './edit-history';
import { RichComposer, type RichComposerHandle } from './rich-composer';
import type { ShownPost } from './thread-state';

interface PostItemProps {
  post: ShownPost;
  /** The post this one answers, when it is in the page. */
  replyTo?: ShownPost | undefined;
  me: string | null;
  canReact: boolean;
  canReply: boolean;
  canModerate: boolean;
  onReply: (post: ShownPost) => void;
  onQuote: (post: ShownPost) => void;
  onReact: (post: ShownPost, emoji: ReactionEmoji) => Promise<void>;
  onEdit: (postId: string, body: string) => Promise<void>;
  onDelete: (postId: string) => Promise<void>;
  onRetry: (post: ShownPost) => void;
  onDiscard: (post: ShownPost) => void;
  /** The earlier versions of an edited post, read when its history opens. */
  revisions: (postId: string) => Promise<PostRevision[]>;
}

function Reactions(props: { post: ShownPost; enabled: boolean; onReact: PostItemProps['onReact'] }) {
  const count = (emoji: ReactionEmoji) => props.post.reactions.find((item) => item.emoji === emoji)?.count ?? 0;
  const mine = (emoji: ReactionEmoji) => props.post.reactions.find((item) => item.emoji === emoji)?.mine ?? false;
  const react = (emoji: ReactionEmoji) => props.onReact(props.post, emoji).catch((error) => notify(errorText(error)));
  return (
    <ul class="reactions" aria-label={t('thread.reactions')}>
      <For each={REACTION_EMOJIS}>
        {(emoji) => (
          <Show when={props.enabled || count(emoji) > 0}>
            <li>
              <button
                type="button"
                class="reaction"
                classList={{ 'reaction--mine': mine(emoji) }}
                aria-pressed={mine(emoji) ? 'true' : 'false'}
                disabled={!props.enabled}
                onClick={() => void react(emoji)}
              >
                <Emoji emoji={emoji} label="" />
                {/* The name ends with the visible count, as axe and speech users expect. */}
                <span class="visually-hidden">
                  {t('thread.react', { name: t(`reaction.${emoji}` as MessageKey) })}
                  {count(emoji) > 0 ? ', ' : ''}
                </span>
                <Show when={count(emoji) > 0}>
                  <span class="reaction__count">{count(emoji)}</span>
                </Show>
              </button>
            </li>
          </Show>
        )}
      </For>
    </ul>
  );
}

/** One message: author, date, the server's sanitized body, its reply reference and actions. */
export function PostItem(props: PostItemProps) {
  const [editing, setEditing] = createSignal(false);
  let draft: RichComposerHandle | undefined;
  const [editError, setEditError] = createSignal<string | null>(null);
  const [confirming, setConfirming] = createSignal(false);
  const [deleting, setDeleting] = createSignal(false);
  const [deleteError, setDeleteError] = createSignal<string | null>(null);
  const mine = () => props.me !== null && props.post.author.id === props.me;
  const live = () => !props.post.pendingKey && !props.post.deletedAt;
  const headingId = () => `message-${props.post.id}-author`;

  const saveEdit = async () => {
    setEditError(null);
    try {
      if (!draft || draft.isEmpty()) {
        setEditError(t('error.post_empty'));
        return;
      }
      await props.onEdit(props.post.id, draft.html());
      setEditing(false);
    } catch (error) {
      setEditError(errorText(error));
    }
  };

  const confirmDelete = async () => {
    setDeleting(true);
    setDeleteError(null);
    try {
      await props.onDelete(props.post.id);
      setConfirming(false);
    } catch (error) {
      setDeleteError(errorText(error));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <article
      id={`message-${props.post.id}`}
      class="post"
      classList={{ 'post--pending': !!props.post.pendingKey, 'post--deleted': !!props.post.deletedAt }}
      aria-labelledby={headingId()}
      tabindex="-1"
    >
      <header class="post__head">
        <Avatar name={props.post.author.displayName} id={props.post.author.id} url={props.post.author.avatarUrl} />
        <h3 class="post__author" id={headingId()}>
          <span class="visually-hidden">{t('thread.postBy', { name: '' })}</span>
          {props.post.author.displayName}
        </h3>
        <p class="post__date muted">
          <time datetime={props.post.createdAt}>{formatDateTime(props.post.createdAt, locale())}</time>
          <Show when={!props.post.deletedAt && !props.post.pendingKey && props.post.editedAt}>
            {(editedAt) => (
              <>
                {' · '}
                <EditHistory
                  postId={props.post.id}
                  editedAt={editedAt()}
                  author={props.post.author.displayName}
                  revisions={props.revisions}
                />
              </>
            )}
          </Show>
        </p>
      </header>
      <Show when={props.post.replyToId}>
        {(replyToId) => (
          <p class="post__reply-to">
            <a
              href={`#message-${replyToId()}`}
              onClick={(event) => {
                // Focus follows the jump, so the next Tab continues from the answered post.
                const target = document.getElementById(`message-${replyToId()}`);
                if (!target) return;
                event.preventDefault();
                target.scrollIntoView({ block: 'start' });
                target.focus({ preventScroll: true });
              }}
            >
              {props.replyTo && !props.replyTo.deletedAt
                ? t('thread.inReplyTo', { name: props.replyTo.author.displayName })
                : t('thread.inReplyToDeleted')}
            </a>
          </p>
        )}
      </Show>
      <Show
        when={!editing()}
        fallback={
          <form
            class="post__edit"
            onSubmit={(event) => {
              event.preventDefault();
              void saveEdit();
            }}
          >
            <RichComposer
              label={t('thread.edit.label')}
              initial={props.post.body}
              onSubmit={() => void saveEdit()}
              error={editError()}
              ref={(handle) => {
                draft = handle;
              }}
            />
            <p class="actions">
              <button type="submit" class="button button--primary">
                {t('thread.edit.save')}
              </button>
              <button type="button" class="button button--secondary" onClick={() => setEditing(false)}>
                {t('thread.edit.cancel')}
              </button>
            </p>
          </form>
        }
      >
        <Show when={!props.post.deletedAt} fallback={<p class="post__body muted">{t('thread.deleted')}</p>}>
          <Show
            when={props.post.pendingKey}
            // Only the server's body, sanitized server-side, is ever injected as HTML.
            fallback={
              <ModeratedBody post={props.post} seesHidden={mine() || props.canModerate}>
                <div class="post__body" lang={contentLang()} innerHTML={props.post.body} />
              </ModeratedBody>
            }
          >
            <div class="post__body post__body--pending">
              <p class="post__text">{props.post.pendingText}</p>
            </div>
          </Show>
        </Show>
      </Show>
      <Show when={props.post.pendingKey}>
        <Show when={props.post.failed} fallback={<p class="muted post__state">{t('thread.pending')}</p>}>
          <div class="notice notice--error post__state">
            <p>{t('thread.failed')}</p>
            <p class="actions">
              <button type="button" class="button button--primary" onClick={() => props.onRetry(props.post)}>
                {t('thread.retry')}
              </button>
              <button type="button" class="button button--secondary" onClick={() => props.onDiscard(props.post)}>
                {t('thread.discard')}
              </button>
            </p>
          </div>
        </Show>
      </Show>
      <Show when={live()}>
        <Reactions post={props.post} enabled={props.canReact} onReact={props.onReact} />
        <p class="post__actions">
          <Show when={props.canReply}>
            <button type="button" class="button button--link" onClick={() => props.onReply(props.post)}>
              {t('thread.reply')}
            </button>
            {/* A hidden post is not quoted: its words would come back through the quote. */}
            <Show when={!props.post.hidden}>
              <button type="button" class="button button--link" onClick={() => props.onQuote(props.post)}>
                {t('thread.quote')}
              </button>
            </Show>
          </Show>
          <Show when={mine() && !editing()}>
            <button
              type="button"
              class="button button--link"
              onClick={() => {
                setEditError(null);
                setEditing(true);
              }}
            >
              {t('thread.edit')}
            </button>
          </Show>
          <Show when={mine() || props.canModerate}>
            <button type="button" class="button button--link" onClick={() => setConfirming(true)}>
              {t('thread.delete')}
            </button>
          </Show>
          <Show when={props.me !== null && !mine()}>
            <PostModerationActions post={props.post} />
          </Show>
        </p>
      </Show>
      <ConfirmDialog
        open={confirming()}
        onOpenChange={setConfirming}
        title={t('thread.delete.title')}
        description={t('thread.delete.text')}
        confirmLabel={t('thread.delete.confirm')}
        busyLabel={t('thread.delete.busy')}
        busy={deleting()}
        error={deleteError()}
        onConfirm={() => void confirmDelete()}
        focusAfterClose={() => document.getElementById(`message-${props.post.id}`)}
      />
    </article>
  );
}
