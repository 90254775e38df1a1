import { createUniqueId, type JSX, Show } from 'solid-js';
import { t } from '../lib/i18n';
import './fields.css';

/** What a native control needs to be tied to its field's label, hint and error. */
export interface FieldControl {
  id: string;
  describedBy: () => string | undefined;
  invalid: () => 'true' | undefined;
}

/**
 * The frame of a field around one of the browser's own controls (select, date and time…):
 * label, hint and error are tied to it like Kobalte does for text fields, invalid marked.
 */
export function NativeField(props: {
  label: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  /** Classes added after `field`. */
  class?: string;
  children: (control: FieldControl) => JSX.Element;
}) {
  const id = createUniqueId();
  const control: FieldControl = {
    id,
    describedBy: () =>
      [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined,
    invalid: () => (props.error ? 'true' : undefined),
  };
  return (
    <div class={props.class ? `field ${props.class}` : 'field'} data-invalid={props.error ? '' : undefined}>
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
      {props.children(control)}
      <Show when={props.error}>
        <p id={`${id}-error`} class="field__error">
          {props.error}
        </p>
      </Show>
    </div>
  );
}
