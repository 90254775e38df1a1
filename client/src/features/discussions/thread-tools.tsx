import type { ThreadUpdateBody } from '@atelier/contract';
import { createSignal, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { ErrorAlert } from '../../ui/feedback';
import { type MessageKey, t } from './discussions.i18n';
import type { ThreadStore } from './thread.store';

interface ThreadToolsProps {
  store: ThreadStore;
  /** Animateur·ices (the space's `permissions.manage`): pin and lock. */
  canManage: boolean;
  /** Signed-in members: follow. */
  canFollow: boolean;
}

/**
 * The thread's own actions: "Suivre ce fil" for members, "Épingler" and "Verrouiller" for
 * animateur·ices. Each outcome is said in a polite status region that stays in the page.
 */
export function ThreadTools(props: ThreadToolsProps) {
  const [busy, setBusy] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const thread = () => props.store.thread()!;

  const run = async (name: string, action: () => Promise<unknown>, done: MessageKey) => {
    if (busy()) return;
    setBusy(name);
    setError(null);
    setStatus('');
    try {
      await action();
      setStatus(t(done));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(null);
    }
  };

  const update = (name: string, body: ThreadUpdateBody, done: MessageKey) =>
    run(name, () => props.store.updateThread(body), done);

  const follow = () => {
    const on = !thread().following;
    return run('follow', () => props.store.follow(on), on ? 'thread.tools.followed' : 'thread.tools.unfollowed');
  };

  return (
    <Show when={props.canManage || props.canFollow}>
      <div class="thread-tools">
        <p class="thread-tools__buttons">
          <Show when={props.canFollow}>
            <button
              type="button"
              class="button button--secondary"
              aria-pressed={thread().following ? 'true' : 'false'}
              aria-disabled={busy() ? 'true' : undefined}
              onClick={() => void follow()}
            >
              {thread().following ? t('thread.tools.unfollow') : t('thread.tools.follow')}
            </button>
          </Show>
          <Show when={props.canManage}>
            <button
              type="button"
              class="button button--secondary"
              aria-disabled={busy() ? 'true' : undefined}
              onClick={() =>
                void update(
                  'pin',
                  { pinned: !thread().pinned },
                  thread().pinned ? 'thread.tools.unpinned' : 'thread.tools.pinned',
                )
              }
            >
              {thread().pinned ? t('thread.tools.unpin') : t('thread.tools.pin')}
            </button>
            <button
              type="button"
              class="button button--secondary"
              aria-disabled={busy() ? 'true' : undefined}
              onClick={() =>
                void update(
                  'lock',
                  { locked: !thread().locked },
                  thread().locked ? 'thread.tools.unlocked' : 'thread.tools.locked',
                )
              }
            >
              {thread().locked ? t('thread.tools.unlock') : t('thread.tools.lock')}
            </button>
          </Show>
        </p>
        <ErrorAlert message={error()} />
        <p role="status" class="thread-tools__status">
          {status()}
        </p>
      </div>
    </Show>
  );
}
