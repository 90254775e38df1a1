import type { Event } from '@atelier/contract';
import { A, useSearchParams } from '@solidjs/router';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form';
import { ErrorAlert } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { EventWhen } from './event-item';
import { t } from './events.i18n';
import { cancelRegistrationByToken } from './events.store';
import './events.css';

/**
 * `/inscriptions/annuler?token=…`: the "je ne peux plus venir" link of the mails. Opening the
 * link changes nothing (mail scanners open links too); the person confirms with a button,
 * which sends the token.
 */
export default function RegistrationCancelPage() {
  const [params] = useSearchParams<{ token?: string }>();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<Event | null>(null);
  let result: HTMLHeadingElement | undefined;

  const token = () => (typeof params.token === 'string' && params.token.length >= 10 ? params.token : null);

  const confirm = async () => {
    const value = token();
    if (!value || busy()) return;
    setBusy(true);
    setError(null);
    try {
      const event = await cancelRegistrationByToken(value);
      setDone(event);
      queueMicrotask(() => result?.focus());
    } catch (failure) {
      setError(
        failure instanceof ApiError && (failure.status === 404 || failure.code === 'invalid_input')
          ? t('registrationCancel.invalid')
          : errorText(failure),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page page--narrow registration-cancel">
      <PageHeading title={t('registrationCancel.title')}>{t('registrationCancel.title')}</PageHeading>
      <Switch>
        <Match when={!token()}>
          <p class="notice notice--error">{t('registrationCancel.invalid')}</p>
          <p class="actions">
            <A href="/agenda" class="button button--secondary">
              {t('events.backToAgenda')}
            </A>
          </p>
        </Match>
        <Match when={done()}>
          {(event) => (
            <div class="card">
              <h2 ref={result} tabindex="-1">
                {t('registrationCancel.done')}
              </h2>
              <p>
                <strong>{event().title}</strong>
              </p>
              <EventWhen event={event()} />
              <p>{t('registrationCancel.doneText')}</p>
              <p class="actions">
                <A href={`/evenements/${encodeURIComponent(event().id)}`} class="button button--secondary">
                  {t('registrationCancel.seeEvent')}
                </A>
                <A href="/agenda" class="button button--secondary">
                  {t('events.backToAgenda')}
                </A>
              </p>
            </div>
          )}
        </Match>
        <Match when={true}>
          <p class="lead">{t('registrationCancel.explain')}</p>
          <p>{t('registrationCancel.explain2')}</p>
          <ErrorAlert message={error()} />
          <p class="actions">
            <button
              type="button"
              class="button button--primary"
              aria-disabled={busy() || undefined}
              aria-busy={busy() || undefined}
              onClick={() => void confirm()}
            >
              <Show when={busy()} fallback={t('registrationCancel.confirm')}>
                <span class="spinner" aria-hidden="true" />
                {t('registrationCancel.busy')}
              </Show>
            </button>
            <A href="/agenda" class="button button--secondary">
              {t('registrationCancel.keep')}
            </A>
          </p>
        </Match>
      </Switch>
    </div>
  );
}
