import type { Event } from '@atelier/contract';
import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { dateTimeFormat, formatTime } from '../../lib/format';
import { intlLocale, locale } from '../../lib/i18n';
import { dayKey, monthWeeks } from './event-time';
import { t } from './events.i18n';

/** Monday first, like French calendars; the header reads the full name to screen readers. */
const WEEKDAY_DATES = [5, 6, 7, 8, 9, 10, 11].map((day) => new Date(Date.UTC(2024, 1, day, 12)));

/**
 * A month as a real table: weekdays as column headers, each day a cell with its events as
 * links. The table itself is not a focus trap; Tab goes from one event to the next, and the
 * previous/next buttons change month.
 */
export function AgendaMonth(props: {
  month: string;
  timeZone: string;
  events: Event[];
  onMonth: (delta: number) => void;
}) {
  const byDay = createMemo(() => {
    const days = new Map<string, Event[]>();
    for (const event of props.events) {
      const key = dayKey(event.startsAt, props.timeZone);
      days.set(key, [...(days.get(key) ?? []), event]);
    }
    return days;
  });
  const monthLabel = () => {
    const [year, month] = props.month.split('-').map(Number) as [number, number];
    return dateTimeFormat(intlLocale(locale()), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(Date.UTC(year, month - 1, 15)),
    );
  };
  const weekday = (date: Date, style: 'long' | 'short') =>
    dateTimeFormat(intlLocale(locale()), { weekday: style, timeZone: 'UTC' }).format(date);
  const dayLabel = (day: string) =>
    dateTimeFormat(intlLocale(locale()), {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    }).format(new Date(`${day}T12:00:00Z`));

  return (
    <section class="agenda-month" aria-labelledby="agenda-month-title">
      <div class="agenda-month__nav">
        <button type="button" class="button button--secondary" onClick={() => props.onMonth(-1)}>
          <span aria-hidden="true">←</span> {t('agenda.month.previous')}
        </button>
        <h2 id="agenda-month-title" class="agenda-month__title" aria-live="polite">
          {monthLabel()}
        </h2>
        <button type="button" class="button button--secondary" onClick={() => props.onMonth(1)}>
          {t('agenda.month.next')} <span aria-hidden="true">→</span>
        </button>
      </div>
      <div class="agenda-month__scroll">
        <table class="agenda-month__table">
          <caption class="visually-hidden">{t('agenda.month.caption', { month: monthLabel() })}</caption>
          <thead>
            <tr>
              <For each={WEEKDAY_DATES}>
                {(date) => (
                  <th scope="col" abbr={weekday(date, 'long')}>
                    <span aria-hidden="true">{weekday(date, 'short')}</span>
                    <span class="visually-hidden">{weekday(date, 'long')}</span>
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={monthWeeks(props.month)}>
              {(week) => (
                <tr>
                  <For each={week}>
                    {(day) => (
                      <Show when={day} fallback={<td class="agenda-month__day agenda-month__day--outside" />}>
                        {(date) => (
                          <td
                            class="agenda-month__day"
                            classList={{ 'agenda-month__day--busy': (byDay().get(date())?.length ?? 0) > 0 }}
                          >
                            <span class="agenda-month__number">
                              <span aria-hidden="true">{Number(date().slice(8))}</span>
                              <span class="visually-hidden">{dayLabel(date())}</span>
                            </span>
                            <Show when={byDay().get(date())}>
                              {(events) => (
                                <ul class="agenda-month__events">
                                  <For each={events()}>
                                    {(event) => (
                                      <li classList={{ 'agenda-month__event--cancelled': !!event.cancelledAt }}>
                                        <A href={`/evenements/${encodeURIComponent(event.id)}`}>
                                          <span class="agenda-month__time">
                                            {formatTime(new Date(event.startsAt), locale(), props.timeZone)}
                                          </span>{' '}
                                          {event.title}
                                          <Show when={event.cancelledAt}> ({t('events.state.cancelledShort')})</Show>
                                        </A>
                                      </li>
                                    )}
                                  </For>
                                </ul>
                              )}
                            </Show>
                          </td>
                        )}
                      </Show>
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={props.events.length === 0}>
        <p class="muted">{t('agenda.month.empty')}</p>
      </Show>
    </section>
  );
}
