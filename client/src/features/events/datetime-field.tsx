import { createUniqueId, Show } from 'solid-js';
import { t } from '../../lib/i18n';
import '../../ui/fields.css';

/**
 * A labelled `datetime-local` input (the browser's own date and time picker, usable with a
 * keyboard and on phones), wired like the other fields: hint and error described, invalid marked.
 */
export function DateTimeField(props: {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
}) {
  const id = createUniqueId();
  const describedBy = () =>
    [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field event-form__short" data-invalid={props.error ? '' : undefined}>
      <label class="field__label" for={id}>
        {props.label}
        <Show when={props.required}>
          <span class="field__required"> ({t('common.required')})</span>
        </Show>
      </label>
      <Show when={props.hint}>
        <p id={`${id}-hint`} class="field__hint">
          {props.hint}
        </p>
      </Show>
      <input
        id={id}
        name={props.name}
        type="datetime-local"
        class="field__input"
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        aria-describedby={describedBy()}
        aria-invalid={props.error ? 'true' : undefined}
        required={props.required}
      />
      <Show when={props.error}>
        <p id={`${id}-error`} class="field__error">
          {props.error}
        </p>
      </Show>
    </div>
  );
}
