import { TextField } from '@kobalte/core/text-field';
import { type JSX, Show, splitProps } from 'solid-js';
import { t } from '../lib/i18n';
import './fields.css';

interface TextInputProps {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'search' | 'url';
  hint?: JSX.Element;
  error?: string | undefined;
  required?: boolean;
  autocomplete?: string;
  inputMode?: 'text' | 'email' | 'numeric';
  multiline?: boolean;
  rows?: number;
  maxLength?: number;
  pattern?: string;
  /** Extra text after the field (a counter), announced politely as it changes. */
  status?: string;
  class?: string;
}

/**
 * A labelled text field: Kobalte links the label, the hint and the error message to the input
 * (aria-labelledby / aria-describedby / aria-invalid), so every field reads the same everywhere.
 */
export function TextInput(props: TextInputProps) {
  const [local] = splitProps(props, ['label', 'hint', 'error', 'multiline', 'status']);
  return (
    <TextField
      class={`field ${props.class ?? ''}`}
      name={props.name}
      value={props.value}
      onChange={props.onInput}
      required={props.required}
      validationState={local.error ? 'invalid' : 'valid'}
    >
      <TextField.Label class="field__label">
        {local.label}
        <Show when={props.required}>
          <span class="field__required"> ({t('common.required')})</span>
        </Show>
      </TextField.Label>
      <Show when={local.hint}>
        <TextField.Description class="field__hint">{local.hint}</TextField.Description>
      </Show>
      <Show
        when={local.multiline}
        fallback={
          <TextField.Input
            class="field__input"
            type={props.type ?? 'text'}
            autocomplete={props.autocomplete}
            inputMode={props.inputMode}
            maxLength={props.maxLength}
            pattern={props.pattern}
          />
        }
      >
        <TextField.TextArea class="field__input field__input--multiline" rows={props.rows ?? 5} />
      </Show>
      <Show when={local.status}>
        <p class="field__status" aria-live="polite">
          {local.status}
        </p>
      </Show>
      <TextField.ErrorMessage class="field__error">{local.error}</TextField.ErrorMessage>
    </TextField>
  );
}
