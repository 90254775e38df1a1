import { useSearchParams } from '@solidjs/router';
import { createSignal, type JSX, Match, Show, Switch } from 'solid-js';
import { errorText } from '../../lib/form';
import { ErrorAlert } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import './events.css';

/**
 * A page opened from a mailed link that carries a token (`?token=…`). Opening the link changes
 * nothing (mail scanners open links too): the person acts with a button, which sends the token;
 * what it did then replaces the button, and takes the focus.
 */
export function TokenPage<T>(props: {
  title: string;
  /** Said when the link holds no token, or the server no longer knows it. */
  invalidText: string;
  isInvalid: (failure: unknown) => boolean;
  explain: JSX.Element;
  confirmLabel: string;
  busyLabel: string;
  /** Beside the button (a way out). */
  aside?: JSX.Element;
  /** Shown without a token, under the message. */
  invalidAside?: JSX.Element;
  run: (token: string) => Promise<T>;
  done: (result: T, headingRef: (element: HTMLHeadingElement) => void) => JSX.Element;
}) {
  const [params] = useSearchParams<{ token?: string }>();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<{ value: T } | null>(null);
  let heading: HTMLHeadingElement | undefined;

  const token = () => (typeof params.token === 'string' && params.token.length >= 10 ? params.token : null);

  const confirm = async () => {
    const value = token();
    if (!value || busy()) return;
    setBusy(true);
    setError(null);
    try {
      setResult({ value: await props.run(value) });
      queueMicrotask(() => heading?.focus());
    } catch (failure) {
      setError(props.isInvalid(failure) ? props.invalidText : errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page page--narrow registration-cancel">
      <PageHeading title={props.title}>{props.title}</PageHeading>
      <Switch>
        <Match when={!token()}>
          <p class="notice notice--error">{props.invalidText}</p>
          {props.invalidAside}
        </Match>
        <Match when={result()}>
          {(done) =>
            props.done(done().value, (element) => {
              heading = element;
            })
          }
        </Match>
        <Match when={true}>
          {props.explain}
          <ErrorAlert message={error()} />
          <p class="actions">
            <button
              type="button"
              class="button button--primary"
              aria-disabled={busy() || undefined}
              aria-busy={busy() || undefined}
              onClick={() => void confirm()}
            >
              <Show when={busy()} fallback={props.confirmLabel}>
                <span class="spinner" aria-hidden="true" />
                {props.busyLabel}
              </Show>
            </button>
            {props.aside}
          </p>
        </Match>
      </Switch>
    </div>
  );
}
