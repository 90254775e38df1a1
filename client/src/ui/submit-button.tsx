import { Button } from '@kobalte/core/button';
import { Show } from 'solid-js';

interface SubmitButtonProps {
  label: string;
  busyLabel: string;
  busy: boolean;
  variant?: 'primary' | 'secondary';
  /** Tells apart several submit buttons of one form (read from `event.submitter`). */
  value?: string;
}

/**
 * While busy the button keeps focus (aria-disabled rather than disabled, which would drop the
 * focus to the page), says what is happening and shows a spinner.
 */
export function SubmitButton(props: SubmitButtonProps) {
  return (
    <Button
      type="submit"
      name={props.value ? 'method' : undefined}
      value={props.value}
      class={`button button--${props.variant ?? 'primary'}`}
      aria-disabled={props.busy || undefined}
      aria-busy={props.busy || undefined}
    >
      <Show when={props.busy} fallback={props.label}>
        <span class="spinner" aria-hidden="true" />
        {props.busyLabel}
      </Show>
    </Button>
  );
}
