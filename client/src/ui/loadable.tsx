import { ErrorBoundary, type JSX, Suspense } from 'solid-js';
import { t } from '../lib/i18n';

/**
 * Shows its children once the resources they read have loaded; a failure shows `error` with a
 * retry button. `quiet` parts of a page (the home page's cards) say nothing to screen readers
 * while loading and do not interrupt with an alert: the page's main content comes first.
 */
export function Loadable(props: {
  error: string;
  retry: () => unknown;
  quiet?: boolean;
  errorClass?: string;
  children: JSX.Element;
}) {
  return (
    <ErrorBoundary
      fallback={(_, reset) => (
        <div class={props.errorClass ?? 'notice notice--error'} role={props.quiet ? undefined : 'alert'}>
          <p>{props.error}</p>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              void props.retry();
              reset();
            }}
          >
            {t('common.retry')}
          </button>
        </div>
      )}
    >
      <Suspense
        fallback={props.quiet ? <p class="muted">{t('common.loading')}</p> : <p role="status">{t('common.loading')}</p>}
      >
        {props.children}
      </Suspense>
    </ErrorBoundary>
  );
}
