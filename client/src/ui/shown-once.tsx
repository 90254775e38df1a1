import { onMount } from 'solid-js';
import './shown-once.css';

/**
 * A secret the server shows once (an API token, a webhook's signing secret): in a read-only
 * field that takes the focus with its text selected, ready to copy, until the person says done.
 */
export function ShownOnce(props: {
  id: string;
  title: string;
  text: string;
  label: string;
  value: string;
  doneLabel: string;
  onDone: () => void;
}) {
  let field: HTMLInputElement | undefined;
  onMount(() => {
    field?.focus();
    field?.select();
  });
  return (
    <div class="notice notice--success shown-once" role="status">
      <h3>{props.title}</h3>
      <p>{props.text}</p>
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        ref={field}
        class="field__input shown-once__value"
        readOnly
        value={props.value}
        spellcheck={false}
        autocomplete="off"
      />
      <button type="button" class="button button--secondary" onClick={() => props.onDone()}>
        {props.doneLabel}
      </button>
    </div>
  );
}
