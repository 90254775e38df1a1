import { createUniqueId, type JSX, Show } from 'solid-js';
import { t } from './discussions.i18n';
import { textToHtml } from './thread-state';
import '../../ui/fields.css';

interface ComposerProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** Ctrl/⌘ + Entrée publishes, as in most messaging tools. */
  onSubmit: () => void;
  /** Called at most every few seconds while the person types. */
  onTyping?: () => void;
  error?: string | null;
  disabled?: boolean;
  rows?: number;
  ref?: (element: HTMLTextAreaElement) => void;
  children?: JSX.Element;
}

const TYPING_EVERY_MS = 3000;

/**
 * The message field: plain text, no markup to learn; blank lines make paragraphs, turned into
 * the server's HTML subset by `composerHtml`. The server sanitises whatever it receives anyway.
 */
export function Composer(props: ComposerProps) {
  const id = createUniqueId();
  let lastTyping = 0;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      props.onSubmit();
    }
  };
  const onInput = (value: string) => {
    props.onInput(value);
    const now = Date.now();
    if (props.onTyping && value && now - lastTyping > TYPING_EVERY_MS) {
      lastTyping = now;
      props.onTyping();
    }
  };
  return (
    <div class="composer field">
      <label class="field__label" for={`${id}-input`}>
        {props.label}
      </label>
      <p class="field__hint" id={`${id}-hint`}>
        {t('thread.composer.hint')}
      </p>
      <textarea
        id={`${id}-input`}
        ref={props.ref}
        class="field__input composer__input"
        rows={props.rows ?? 4}
        value={props.value}
        disabled={props.disabled}
        aria-describedby={props.error ? `${id}-hint ${id}-error` : `${id}-hint`}
        aria-invalid={props.error ? 'true' : undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <Show when={props.error}>
        <p class="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      </Show>
      {props.children}
    </div>
  );
}

/** What the composer sends as `body`. */
export const composerHtml = (text: string) => textToHtml(text);
