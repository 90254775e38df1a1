import type { Thread, ThreadUpdateBody } from '@atelier/contract';
import { createSignal, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { type MessageKey, t } from '../../lib/i18n';
import { ErrorAlert } from '../../ui/feedback';
import { discussionsApi } from './discussions.api';

interface ThreadToolsProps {
  thread: Thread;
  /** Animateur·ices (the space's `permissions.manage`): pin and lock. */
  canManage: boolean;
  /** Signed-in members: follow. */
  canFollow: boolean;
  onChange: (thread: Thread) => void;
}

/**
 * The thread's own actions: "Suivre ce fil" for members, "Épingler" and "Verrouiller" for
 * animateur·ices. Each outcome is said in a polite status region that stays in the page.
 */
export function ThreadTools(props: ThreadToolsProps) {
  const [busy, setBusy] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);

  const run = async (name: string, action: () => Promise<Thread>, done: MessageKey) => {
    if (busy()) return;
    setBusy(name);
    setError(null);
    setStatus('');
    try {
      props.onChange(await action());
      setStatus(t(done));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(null);
    }
  };

  const update = (name: string, body: ThreadUpdateBody, done: MessageKey) =>
    run(
      name,
      async () => ({
        ...(await discussionsApi.updateThread(props.thread.id, body)),
        unreadCount: props.thread.unreadCount,
        following: props.thread.following,
      }),
      done,
    );

  const follow = () => {
    const on = !props.thread.following;
    return run(
      'follow',
      async () => {
        await discussionsApi.follow(props.thread.id, on);
        return { ...props.thread, following: on };
      },
      on ? 'thread.tools.followed' : 'thread.tools.unfollowed',
    );
  };

  return (
    <Show when={props.canManage || props.canFollow}>
      <div class="thread-tools">
        <p class="thread-tools__buttons">
          <Show when={props.canFollow}>
            <button
              type="button"
              class="button button--secondary"
              aria-pressed={props.thread.following ? 'true' : 'false'}
              aria-disabled={busy() ? 'true' : undefined}
              onClick={() => void follow()}
            >
              {props.thread.following ? t('thread.tools.unfollow') : t('thread.tools.follow')}
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
                  { pinned: !props.thread.pinned },
                  props.thread.pinned ? 'thread.tools.unpinned' : 'thread.tools.pinned',
                )
              }
            >
              {props.thread.pinned ? t('thread.tools.unpin') : t('thread.tools.pin')}
            </button>
            <button
              type="button"
              class="button button--secondary"
              aria-disabled={busy() ? 'true' : undefined}
              onClick={() =>
                void update(
                  'lock',
                  { locked: !props.thread.locked },
                  props.thread.locked ? 'thread.tools.unlocked' : 'thread.tools.locked',
                )
              }
            >
              {props.thread.locked ? t('thread.tools.unlock') : t('thread.tools.lock')}
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
