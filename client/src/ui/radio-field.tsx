import { RadioGroup } from '@kobalte/core/radio-group';
import { For, Show } from 'solid-js';
import { overlayInputStyle } from './overlay-input';
import './fields.css';

export interface RadioOption {
  value: string;
  label: string;
  description?: string;
}

interface RadioFieldProps {
  label: string;
  name: string;
  value: string;
  options: RadioOption[];
  onChange: (value: string) => void;
  hint?: string;
  error?: string | undefined;
}

/** A group of real radio inputs (Kobalte RadioGroup): arrow keys move, the group is labelled. */
export function RadioField(props: RadioFieldProps) {
  return (
    <RadioGroup
      class="field radio-group"
      name={props.name}
      value={props.value}
      onChange={props.onChange}
      validationState={props.error ? 'invalid' : 'valid'}
    >
      <RadioGroup.Label class="field__label">{props.label}</RadioGroup.Label>
      <Show when={props.hint}>
        <RadioGroup.Description class="field__hint">{props.hint}</RadioGroup.Description>
      </Show>
      <div class="radio-group__items">
        <For each={props.options}>
          {(option) => (
            <RadioGroup.Item value={option.value} class="radio">
              <RadioGroup.ItemInput class="radio__input" style={overlayInputStyle('1.35rem')} />
              <RadioGroup.ItemControl class="radio__control">
                <RadioGroup.ItemIndicator class="radio__indicator" />
              </RadioGroup.ItemControl>
              <span class="radio__text">
                <RadioGroup.ItemLabel class="radio__label">{option.label}</RadioGroup.ItemLabel>
                <Show when={option.description}>
                  <RadioGroup.ItemDescription class="radio__description">
                    {option.description}
                  </RadioGroup.ItemDescription>
                </Show>
              </span>
            </RadioGroup.Item>
          )}
        </For>
      </div>
      <RadioGroup.ErrorMessage class="field__error">{props.error}</RadioGroup.ErrorMessage>
    </RadioGroup>
  );
}
