import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { errorText } from '../../../lib/form';
import { CheckboxField } from '../../../ui/checkbox-field';
import { ErrorAlert } from '../../../ui/feedback';
import { AnswersSummary } from '../registration-questions';
import { createAttendanceStore } from './attendance.store';
import { useNow } from './event-questions';
import { t, tc } from './questions.i18n';

/**
 * Who came: one checkbox per person registered (seat or waitlist) or already marked, once the
 * event has started (as the server requires). A tick is saved at once, and undone on screen if
 * the server refuses it.
 */
export function AttendancePanel(props: { eventId: string; startsAt: string }) {
  const store = createAttendanceStore(() => props.eventId);
  const now = useNow();
  const started = () => now() >= Date.parse(props.startsAt);
  const list = store.list;
  const items = store.items;
  const [error, setError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal<ReadonlySet<string>>(new Set());

  const toggle = async (userId: string, attended: boolean) => {
    setError(null);
    setSaving((current) => new Set([...current, userId]));
    try {
      await store.setAttended(userId, attended);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setSaving((current) => new Set([...current].filter((id) => id !== userId)));
    }
  };

  return (
    <section class="animation__block" aria-labelledby="animation-attendance">
      <h3 id="animation-attendance">{t('animation.attendance')}</h3>
      <Switch>
        <Match when={!started()}>
          <p class="muted">{t('animation.attendance.notStarted')}</p>
        </Match>
        <Match when={list.loading && !list.latest}>
          <p role="status">{t('common.loading')}</p>
        </Match>
        <Match when={list.error}>
          <ErrorAlert message={errorText(list.error)}>
            <button type="button" class="button button--secondary" onClick={() => void store.reload()}>
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
                  <AnswersSummary answers={item.answers} class="attendance__answers" />
                </li>
              )}
            </For>
          </ul>
          <p role="status" class="attendance__count">
            {tc('animation.attendance.count', store.present())}
          </p>
          <Show when={store.present() > 0}>
            <p>
              <a class="button button--secondary" href={`/api/events/${props.eventId}/attestations.pdf`} download="">
                {t('animation.attendance.attestations')}
              </a>
            </p>
          </Show>
        </Match>
      </Switch>
      <p>
        <a class="button button--secondary" href={`/api/events/${props.eventId}/registrations.csv`} download="">
          {t('animation.attendance.export')}
        </a>
      </p>
    </section>
  );
}
