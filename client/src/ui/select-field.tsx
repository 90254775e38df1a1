import { For } from 'solid-js';
import { NativeField } from './native-field';

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
  return (
    <NativeField label={props.label} hint={props.hint} error={props.error} required={props.required}>
      {(control) => (
        <select
          id={control.id}
          name={props.name}
          class="field__input field__select"
          value={props.value}
          onChange={(event) => props.onChange(event.currentTarget.value)}
          aria-describedby={control.describedBy()}
          aria-invalid={control.invalid()}
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
      )}
    </NativeField>
  );
}
