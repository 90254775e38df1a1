import { createEffect, createResource, createSignal, For, Match, on, Switch } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { errorText } from '../../../lib/form';
import { t, tc } from '../../../lib/i18n';
import { useRoom } from '../../../lib/socket';
import { CheckboxField } from '../../../ui/checkbox-field';
import { ErrorAlert } from '../../../ui/feedback';
import { questionsApi } from './questions.api';

type Attendee = Awaited<ReturnType<typeof questionsApi.attendance>>[number];
/** One row as shown: flat, so that the store can reconcile rows by person id. */
interface Row {
  id: string;
  displayName: string;
  status: Attendee['status'];
  attended: boolean;
}

/**
 * Who came: one checkbox per person registered (seat or waitlist) or already marked. A tick is
 * saved at once, and undone on screen if the server refuses it.
 */
export function AttendancePanel(props: { eventId: string }) {
  const [list, { refetch }] = createResource(
    () => props.eventId,
    (eventId) => questionsApi.attendance(eventId),
  );
  // Someone registers or cancels while the animateur has the list open: read it again.
  useRoom(() => `event:${props.eventId}`, {
    on: { 'registration.changed': () => void refetch() },
  });
  const [people, setPeople] = createStore<{ items: Row[] }>({ items: [] });
  const [error, setError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal<ReadonlySet<string>>(new Set());

  // The resource feeds a store, so that one tick updates one row without rebuilding the list.
  createEffect(
    on(
      () => (list.error ? undefined : list()),
      (loaded) => {
        if (!loaded) return;
        const rows = loaded.map(({ person, status, attended }) => ({ ...person, status, attended }));
        setPeople('items', reconcile(rows, { key: 'id' }));
      },
    ),
  );
  const items = () => people.items;

  const toggle = async (userId: string, attended: boolean) => {
    setError(null);
    const row = (value: boolean) => setPeople('items', (item) => item.id === userId, 'attended', value);
    row(attended);
    setSaving((current) => new Set([...current, userId]));
    try {
      await questionsApi.setAttended(props.eventId, userId, attended);
    } catch (failure) {
      row(!attended);
      setError(errorText(failure));
    } finally {
      setSaving((current) => new Set([...current].filter((id) => id !== userId)));
    }
  };

  const present = () => people.items.filter((item) => item.attended).length;

  return (
    <section class="animation__block" aria-labelledby="animation-attendance">
      <h3 id="animation-attendance">{t('animation.attendance')}</h3>
      <Switch>
        <Match when={list.loading && !list.latest}>
          <p role="status">{t('common.loading')}</p>
        </Match>
        <Match when={list.error}>
          <ErrorAlert message={errorText(list.error)}>
            <button type="button" class="button button--secondary" onClick={() => void refetch()}>
              {t('common.retry')}
            </button>
          </ErrorAlert>
        </Match>
        <Match when={list.state === 'ready' && items().length === 0}>
          <p class="muted">{t('animation.attendance.empty')}</p>
        </Match>
        <Match when={items().length > 0}>
          <p class="muted">{t('animation.attendance.intro')}</p>
          <ErrorAlert message={error()} />
          <ul class="attendance">
            <For each={items()}>
              {(item) => (
                <li class="attendance__row" aria-busy={saving().has(item.id) || undefined}>
                  <CheckboxField
                    label={t('animation.attendance.present', { name: item.displayName })}
                    name={`attended-${item.id}`}
                    checked={item.attended}
                    onChange={(checked) => void toggle(item.id, checked)}
                  />
                  <span class="badge attendance__status">
                    {item.status === 'registered'
                      ? t('animation.attendance.registered')
                      : item.status === 'waitlisted'
                        ? t('animation.attendance.waitlisted')
                        : t('animation.attendance.walkIn')}
                  </span>
                </li>
              )}
            </For>
          </ul>
          <p role="status" class="attendance__count">
            {tc('animation.attendance.count', present())}
          </p>
        </Match>
      </Switch>
    </section>
  );
}
