import { Alert } from '@kobalte/core/alert';
import { type JSX, Show } from 'solid-js';
import './feedback.css';

/** A problem the person must know about: role="alert", announced as soon as it appears. */
export function ErrorAlert(props: { message: string | null | undefined; children?: JSX.Element }) {
  return (
    <Show when={props.message}>
      <Alert class="notice notice--error">
        <p>{props.message}</p>
        {props.children}
      </Alert>
    </Show>
  );
}

/**
 * Good news or progress: a polite live region. It stays in the page while empty so that screen
 * readers are already listening when the message arrives.
 */
export function StatusMessage(props: { message: string | null | undefined; children?: JSX.Element }) {
  return (
    <div role="status" class="status-region">
      <Show when={props.message}>
        <div class="notice notice--success">
          <p>{props.message}</p>
          {props.children}
        </div>
      </Show>
    </div>
  );
}

/** A neutral note, not announced: information that is part of the page from the start. */
export function InfoNote(props: { children: JSX.Element }) {
  return <div class="notice notice--info">{props.children}</div>;
}
