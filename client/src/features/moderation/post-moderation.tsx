import type { Post } from '@atelier/contract';
import { createSignal, type JSX, onMount, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { notify } from '../../ui/toaster';
import { blocks } from './blocks.store';
import { FlagDialog } from './flag-dialog';
import { t } from './moderation.i18n';
import './moderation.css';

/**
 * Whether the reader blocked the post's author: the shared list once loaded (it follows
 * blocking and unblocking on this page), the server's per-reader `authorBlocked` before that.
 */
const authorBlocked = (post: Post) => (blocks.loaded() ? blocks.isBlocked(post.author.id) : !!post.authorBlocked);

/**
 * A post's body as moderation and blocking leave it for this reader: collapsed with
 * « Afficher » when they blocked its author; for a hidden post, a placeholder for readers and
 * the body under a banner for its author and the space's moderators (`children`: the body).
 */
export function ModeratedBody(props: { post: Post; seesHidden: boolean; children: JSX.Element }) {
  const [revealed, setRevealed] = createSignal(false);
  onMount(() => void blocks.ensureLoaded());
  const bodyId = () => `message-${props.post.id}-body`;
  const hiddenContent = () => (
    <Show when={props.post.hidden} fallback={props.children}>
      <Show when={props.seesHidden} fallback={<p class="post__body muted moderated">{t('hidden.pending')}</p>}>
        <p class="notice notice--info moderated__banner">{t('hidden.banner')}</p>
        {props.children}
      </Show>
    </Show>
  );
  return (
    <Show when={authorBlocked(props.post)} fallback={hiddenContent()}>
      <p class="moderated moderated--blocked">
        <span class="muted">{t('blocked.collapsed')}</span>{' '}
        <button
          type="button"
          class="button button--link"
          aria-expanded={revealed() ? 'true' : 'false'}
          aria-controls={bodyId()}
          onClick={() => setRevealed(!revealed())}
        >
          {revealed() ? t('blocked.hide') : t('blocked.show')}
        </button>
      </p>
      <div id={bodyId()}>
        <Show when={revealed()}>{hiddenContent()}</Show>
      </div>
    </Show>
  );
}

/** « Signaler » and « Bloquer » / « Débloquer » on someone else's post, for signed-in readers. */
export function PostModerationActions(props: { post: Post }) {
  const [flagging, setFlagging] = createSignal(false);
  const [confirmBlock, setConfirmBlock] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let flagButton: HTMLButtonElement | undefined;
  let blockButton: HTMLButtonElement | undefined;
  const name = () => props.post.author.displayName;
  const person = () => ({ id: props.post.author.id, displayName: name() });

  const block = async () => {
    setBusy(true);
    setError(null);
    try {
      await blocks.setBlock(person(), true);
      setConfirmBlock(false);
      notify(t('block.done', { name: name() }));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const unblock = async () => {
    try {
      await blocks.setBlock(person(), false);
      notify(t('unblock.done', { name: name() }));
    } catch (failure) {
      notify(errorText(failure));
    }
  };

  return (
    <>
      <button
        ref={flagButton}
        type="button"
        class="button button--link"
        aria-label={t('flag.actionOf', { name: name() })}
        onClick={() => setFlagging(true)}
      >
        {t('flag.action')}
      </button>
      <Show
        when={authorBlocked(props.post)}
        fallback={
          <button
            ref={blockButton}
            type="button"
            class="button button--link"
            aria-label={t('block.actionOf', { name: name() })}
            onClick={() => setConfirmBlock(true)}
          >
            {t('block.action')}
          </button>
        }
      >
        <button
          type="button"
          class="button button--link"
          aria-label={t('unblock.actionOf', { name: name() })}
          onClick={() => void unblock()}
        >
          {t('unblock.action')}
        </button>
      </Show>
      <FlagDialog
        open={flagging()}
        onOpenChange={setFlagging}
        target={{ type: 'post', id: props.post.id }}
        focusAfterClose={() => flagButton}
      />
      <ConfirmDialog
        open={confirmBlock()}
        onOpenChange={setConfirmBlock}
        title={t('block.confirm.title', { name: name() })}
        description={t('block.confirm.text')}
        confirmLabel={t('block.action')}
        busyLabel={t('block.confirm.busy')}
        busy={busy()}
        error={error()}
        onConfirm={() => void block()}
        focusAfterClose={() => document.getElementById(`message-${props.post.id}`)}
      />
    </>
  );
}
