import { A } from '@solidjs/router';
import { For, Match, Switch } from 'solid-js';
import { formatEventRange } from '../../../lib/format';
import { locale } from '../../../lib/i18n';
import { ErrorAlert } from '../../../ui/feedback';
import { createAttendedPermanences } from './attendance.store';
import { t } from './questions.i18n';
import './questions.css';

/** « Mes permanences »: the permanences this person was marked present at, newest first. */
export function AttendedPermanences(props: { userId: string }) {
  const store = createAttendedPermanences(() => props.userId);
  const items = store.items;
  return (
    <section class="card" aria-labelledby="attended-title">
      <h2 id="attended-title">{t('attended.title')}</h2>
      <p class="muted">{t('attended.intro')}</p>
      <Switch>
        <Match when={items.loading}>
          <p role="status">{t('common.loading')}</p>
        </Match>
        <Match when={items.error}>
          <ErrorAlert message={t('attended.loadError')}>
            <button type="button" class="button button--secondary" onClick={() => void store.reload()}>
              {t('common.retry')}
            </button>
          </ErrorAlert>
        </Match>
        <Match when={items()?.length === 0}>
          <p>{t('attended.empty')}</p>
        </Match>
        <Match when={items()}>
          {(list) => (
            <ul class="attended__list">
              <For each={list()}>
                {(event) => (
                  <li>
                    <A href={`/evenements/${encodeURIComponent(event.id)}`}>{event.title}</A>
                    <br />
                    <span class="muted">
                      <time datetime={event.startsAt}>
                        {formatEventRange(event.startsAt, event.endsAt, locale(), event.timezone)}
                      </time>
                    </span>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Match>
      </Switch>
    </section>
  );
}
