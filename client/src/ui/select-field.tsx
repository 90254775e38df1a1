import { For } from 'solid-js';
import { NativeField } from './native-field';

export interface Option {
  value: string;
  label: string;
}

/** Options under a heading of the list (`<optgroup>`). */
export interface OptionGroup {
  label: string;
  options: Option[];
}

interface SelectFieldProps {
  label: string;
  name: string;
  value: string;
  /** The options, or groups of them. */
  options: Option[] | OptionGroup[];
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
            {(entry) =>
              'options' in entry ? (
                <optgroup label={entry.label}>
                  <For each={entry.options}>{(option) => optionOf(option, props.value)}</For>
                </optgroup>
              ) : (
                optionOf(entry, props.value)
              )
            }
          </For>
        </select>
      )}
    </NativeField>
  );
}

const optionOf = (option: Option, selected: string) => (
  <option value={option.value} selected={option.value === selected}>
    {option.label}
  </option>
);
