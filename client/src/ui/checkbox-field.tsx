import { Checkbox } from '@kobalte/core/checkbox';
import { type JSX, Show } from 'solid-js';
import { overlayInputStyle } from './overlay-input';
import './fields.css';

interface CheckboxFieldProps {
  label: JSX.Element;
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
}

/** A real checkbox input under a visible custom box; label, hint and error are wired by Kobalte. */
export function CheckboxField(props: CheckboxFieldProps) {
  return (
    <Checkbox
      class="checkbox"
      name={props.name}
      checked={props.checked}
      onChange={props.onChange}
      required={props.required}
      validationState={props.error ? 'invalid' : 'valid'}
    >
      <div class="checkbox__row">
        <Checkbox.Input class="checkbox__input" style={overlayInputStyle('1.5rem')} />
        <Checkbox.Control class="checkbox__control">
          <Checkbox.Indicator class="checkbox__indicator">
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M3 8.5l3.2 3L13 4.5" fill="none" stroke="currentColor" stroke-width="2.2" />
            </svg>
          </Checkbox.Indicator>
        </Checkbox.Control>
        <Checkbox.Label class="checkbox__label">{props.label}</Checkbox.Label>
      </div>
      <Show when={props.hint}>
        <Checkbox.Description class="field__hint checkbox__hint">{props.hint}</Checkbox.Description>
      </Show>
      <Checkbox.ErrorMessage class="field__error checkbox__hint">{props.error}</Checkbox.ErrorMessage>
    </Checkbox>
  );
}
