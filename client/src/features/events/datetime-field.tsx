import { NativeField } from '../../ui/native-field';

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
  return (
    <NativeField
      class="event-form__short"
      label={props.label}
      hint={props.hint}
      error={props.error}
      required={props.required}
    >
      {(control) => (
        <input
          id={control.id}
          name={props.name}
          type="datetime-local"
          class="field__input"
          value={props.value}
          onInput={(event) => props.onInput(event.currentTarget.value)}
          aria-describedby={control.describedBy()}
          aria-invalid={control.invalid()}
          required={props.required}
        />
      )}
    </NativeField>
  );
}
