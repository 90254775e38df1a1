import { createSignal } from 'solid-js';
import { errorText } from '../../lib/form';
import { ErrorAlert } from '../../ui/feedback';
import { RichComposer, type RichComposerHandle } from '../discussions/rich-composer';
import { t } from './messages.i18n';

/**
 * The discussions' rich composer in a form: one Idempotency-Key per submission (a retry of a
 * failed message sends the same key, so nothing is stored twice). `send` resolves once the
 * server has stored the message.
 */
export function MessageComposer(props: {
  heading: string;
  send: (key: string, body: string) => Promise<unknown>;
  /** The form clears at once (the message shows as being sent); the new-message page waits. */
  clearFirst?: boolean;
}) {
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let editor: RichComposerHandle | undefined;

  const submit = async () => {
    if (busy() || !editor) return;
    setError(null);
    if (editor.isEmpty()) {
      setError(t('error.post_empty'));
      editor.focus();
      return;
    }
    const key = crypto.randomUUID();
    const body = editor.html();
    setBusy(true);
    if (props.clearFirst) editor.clear();
    try {
      await props.send(key, body);
      if (!props.clearFirst) editor.clear();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="reply-composer message-composer"
      aria-labelledby="message-composer-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="message-composer-heading">{props.heading}</h2>
      <ErrorAlert message={error()} />
      <RichComposer
        label={t('conversation.composer.label')}
        onSubmit={() => void submit()}
        ref={(handle) => {
          editor = handle;
        }}
      />
      <p class="actions">
        <button type="submit" class="button button--primary" aria-disabled={busy() ? 'true' : undefined}>
          {busy() ? t('conversation.composer.busy') : t('conversation.composer.submit')}
        </button>
      </p>
    </form>
  );
}
