import { EventKindSchema } from '@atelier/contract';
import { A, useSearchParams } from '@solidjs/router';
import { createMemo, For, Match, Show, Switch } from 'solid-js';
import { dateTimeFormat } from '../../lib/format';
import { intlLocale, locale } from '../../lib/i18n';
import { Loadable } from '../../ui/loadable';
import { PageHeading } from '../../ui/page-heading';
import { SelectField } from '../../ui/select-field';
import { session } from '../accounts/session.store';
import { createMySpaces } from '../spaces/my-spaces.store';
import { AgendaMonth } from './agenda-month';
import { EventItem } from './event-item';
import { deviceTimeZone, groupByMonth, MONTH_KEY, monthKey, monthRange, shiftMonth, startOfToday } from './event-time';
import { t } from './events.i18n';
import { createEventList, type EventListQuery } from './events.store';
import './events.css';

const KINDS = EventKindSchema.options;
type Kind = (typeof KINDS)[number];
const isKind = (value: unknown): value is Kind => KINDS.includes(value as Kind);

/** The list looks a year ahead at most, the longest range the API gives at once. */
const LIST_DAYS = 365;

/** Admins, and the animateur·ices of at least one space, may create events. */
export function useCanCreateEvents() {
  const { mySpaces } = createMySpaces();
  return () =>
    session.user()?.role === 'admin' ||
    (mySpaces() ?? []).some((item) => item.membership.status === 'active' && item.membership.role === 'animateur');
}

/**
 * `/agenda`: every coming event, as a list grouped by month or as a month grid, filtered by
 * kind. The view, the month and the filter live in the address, so a view can be shared.
 */
export default function AgendaPage() {
  const [params, setParams] = useSearchParams<{ vue?: string; mois?: string; type?: string }>();
  const zone = deviceTimeZone();
  const view = () => (params.vue === 'mois' ? 'month' : 'list');
  const kind = () => (isKind(params.type) ? params.type : undefined);
  const month = () =>
    params.mois && MONTH_KEY.test(params.mois) ? params.mois : monthKey(new Date().toISOString(), zone);
  const canCreate = useCanCreateEvents();

  const query = createMemo((): EventListQuery => {
    const kindFilter = kind() ? { kind: kind() } : {};
    if (view() === 'month') return { ...monthRange(month(), zone), ...kindFilter };
    // From the start of today, so that an event in progress is still listed.
    const from = startOfToday(zone);
    const to = new Date(new Date(from).getTime() + LIST_DAYS * 86_400_000).toISOString();
    return { from, to, ...kindFilter };
  });
  const { events, refetch } = createEventList(query);
  // `latest` keeps the shown events while the next ones load: a month change or a filter does
  // not blank the page (and does not take the focus away from the button just pressed).
  const shown = () => events.latest;
  const months = createMemo(() => groupByMonth(shown() ?? [], zone));
  const monthTitle = (key: string) => {
    const [year, number] = key.split('-').map(Number) as [number, number];
    return dateTimeFormat(intlLocale(locale()), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(Date.UTC(year, number - 1, 15)),
    );
  };
  const viewHref = (target: 'list' | 'month') => {
    const search = new URLSearchParams();
    if (target === 'month') search.set('vue', 'mois');
    if (target === 'month' && params.mois) search.set('mois', params.mois);
    if (kind()) search.set('type', kind()!);
    const text = search.toString();
    return `/agenda${text ? `?${text}` : ''}`;
  };

  return (
    <div class="page page--wide agenda">
      <div class="agenda__head">
        <PageHeading title={t('agenda.title')}>{t('agenda.title')}</PageHeading>
        <Show when={canCreate()}>
          <A href="/evenements/nouveau" class="button button--primary">
            {t('events.create')}
          </A>
        </Show>
      </div>
      <p class="lead">{t('agenda.lead')}</p>
      <div class="agenda__tools">
        <nav class="agenda__views" aria-label={t('agenda.views')}>
          {/* Plain links (the router still handles them): both views share the path, so <A> would mark both current. */}
          <a href={viewHref('list')} class="agenda__view" aria-current={view() === 'list' ? 'page' : undefined}>
            {t('agenda.view.list')}
          </a>
          <a href={viewHref('month')} class="agenda__view" aria-current={view() === 'month' ? 'page' : undefined}>
            {t('agenda.view.month')}
          </a>
        </nav>
        <SelectField
          label={t('agenda.filter.kind')}
          name="type"
          value={kind() ?? ''}
          options={[
            { value: '', label: t('agenda.filter.all') },
            ...KINDS.map((value) => ({ value, label: t(`events.kind.${value}`) })),
          ]}
          onChange={(value) => setParams({ type: value || undefined }, { replace: true })}
        />
      </div>
      <p class="muted agenda__zone">{t('agenda.zoneNote', { zone })}</p>
      <Loadable error={t('agenda.error')} retry={refetch}>
        <Switch>
          <Match when={view() === 'month'}>
            <AgendaMonth
              month={month()}
              timeZone={zone}
              events={shown() ?? []}
              onMonth={(delta) => setParams({ mois: shiftMonth(month(), delta) })}
            />
          </Match>
          <Match when={shown()?.length === 0}>
            <p>{t(kind() ? 'agenda.emptyKind' : 'agenda.empty')}</p>
          </Match>
          <Match when={shown()}>
            <For each={months()}>
              {(group) => (
                <section class="agenda__month" aria-labelledby={`mois-${group.month}`}>
                  <h2 id={`mois-${group.month}`} class="agenda__month-title">
                    {monthTitle(group.month)}
                  </h2>
                  <ul class="event-list">
                    <For each={group.events}>
                      {(event) => (
                        <li>
                          <EventItem event={event} />
                        </li>
                      )}
                    </For>
                  </ul>
                </section>
              )}
            </For>
          </Match>
        </Switch>
      </Loadable>
    </div>
  );
}
