import { createUniqueId, For, Show } from 'solid-js';
import { t } from '../lib/i18n';
import './fields.css';

export interface Option {
  value: string;
  label: string;
}

interface SelectFieldProps {
  label: string;
  name: string;
  value: string;
  options: Option[];
  onChange: (value: string) => void;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
}

/**
 * The browser's own select: the most robust choice of a list on phones and with assistive
 * technologies. Label, hint and error are tied to it like Kobalte does for text fields.
 */
export function SelectField(props: SelectFieldProps) {
  const id = createUniqueId();
  const describedBy = () =>
    [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field" data-invalid={props.error ? '' : undefined}>
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
      <select
        id={id}
        name={props.name}
        class="field__input field__select"
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget.value)}
        aria-describedby={describedBy()}
        aria-invalid={props.error ? 'true' : undefined}
        required={props.required}
      >
        <For each={props.options}>
          {(option) => (
            <option value={option.value} selected={option.value === props.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
      <Show when={props.error}>
        <p id={`${id}-error`} class="field__error">
          {props.error}
        </p>
      </Show>
    </div>
  );
}
