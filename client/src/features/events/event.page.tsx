import type { EventDetail } from '@atelier/contract';
import { A, useParams } from '@solidjs/router';
import { createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { contentLang, locale } from '../../lib/i18n';
import { PageHeading } from '../../ui/page-heading';
import { createEventStore, type EventStore } from './event.store';
import { EventWhen, KindBadge } from './event-item';
import { EventManage } from './event-manage';
import { RegistrationPanel } from './event-registration';
import { EventSessions } from './event-sessions';
import { t } from './events.i18n';
// ── E2's part of the page (live questions, animation tools). Owned by E2: import only. ──
import { EventAnimation } from './questions/event-animation';
import { EventQuestions } from './questions/event-questions';
import './events.css';

/** A clock for the page's states ("Inscriptions closes" once the deadline passes). */
function createNow() {
  const [now, setNow] = createSignal(new Date());
  const timer = setInterval(() => setNow(new Date()), 30_000);
  onCleanup(() => clearInterval(timer));
  return now;
}

function EventView(props: { detail: EventDetail; store: EventStore }) {
  const event = () => props.detail.event;
  const now = createNow();

  return (
    <article class="page page--wide event-page">
      <p class="event-crumbs">
        <Show when={props.detail.parent} fallback={<A href="/agenda">{t('events.backToAgenda')}</A>}>
          {(parent) => <A href={`/evenements/${parent().id}`}>{t('sessions.partOf', { title: parent().title })}</A>}
        </Show>
      </p>
      <header class="event-page__head">
        <p class="event-page__kind">
          <KindBadge kind={event().kind} />
          <Show when={event().seriesId}>
            {' '}
            <span class="badge">{t('events.series.badge')}</span>
          </Show>
        </p>
        <PageHeading title={event().title}>
          <span lang={contentLang()}>{event().title}</span>
        </PageHeading>
        <EventWhen event={event()} class="event-when event-when--large" />
        <Show when={event().cancelledAt}>
          {(at) => (
            <p class="notice notice--error event-page__cancelled">
              {t('events.cancelledOn', { date: formatDateTime(at(), locale(), event().timezone) })}
            </p>
          )}
        </Show>
      </header>
      <div class="event-page__layout">
        {/* Registration first: on a phone it comes right under the title, not after the text. */}
        <div class="event-page__aside">
          <RegistrationPanel detail={props.detail} now={now()} store={props.store} />
          <Show when={props.detail.attended}>
            <p class="event-page__attestation">
              <a class="button button--secondary" href={`/api/events/${event().id}/attestation.pdf`} download="">
                {t('events.attestation.mine')}
              </a>
            </p>
          </Show>
          <Show when={event().canManage}>
            <EventManage event={event()} store={props.store} />
          </Show>
        </div>
        <div class="event-page__main">
          <section aria-labelledby="event-practical">
            <h2 id="event-practical">{t('events.practical.heading')}</h2>
            <dl class="event-facts">
              <div>
                <dt>{t('events.practical.mode')}</dt>
                <dd>{t(event().mode === 'presentiel' ? 'events.mode.presentielLong' : 'events.mode.visioLong')}</dd>
              </div>
              <Show when={event().mode === 'presentiel' && event().address}>
                <div>
                  <dt>{t('events.practical.address')}</dt>
                  <dd class="event-facts__multiline">{event().address}</dd>
                </div>
              </Show>
              <Show when={event().mode === 'presentiel' && event().accessibilityNote}>
                <div>
                  <dt>{t('events.practical.accessibility')}</dt>
                  <dd class="event-facts__multiline">{event().accessibilityNote}</dd>
                </div>
              </Show>
              <div>
                <dt>{t('events.practical.space')}</dt>
                <dd>
                  <Show when={event().space} fallback={t('events.space.alliance')}>
                    {(space) => <A href={`/espaces/${encodeURIComponent(space().slug)}`}>{space().name}</A>}
                  </Show>
                </dd>
              </div>
              <Show when={event().registrationDeadline}>
                {(deadline) => (
                  <div>
                    <dt>{t('events.practical.deadline')}</dt>
                    <dd>{formatDateTime(deadline(), locale(), event().timezone)}</dd>
                  </div>
                )}
              </Show>
            </dl>
          </section>
          <Show when={event().summary}>
            <section aria-labelledby="event-summary">
              <h2 id="event-summary">{t('events.summary.heading')}</h2>
              <p class="event-page__summary" lang={contentLang()}>
                {event().summary}
              </p>
            </section>
          </Show>
          {/* A one-off event may have a programme of sessions; a session or a series' date has none. */}
          <Show
            when={!event().seriesId && !event().parentId && (props.detail.sessions.length > 0 || event().canManage)}
          >
            <EventSessions detail={props.detail} store={props.store} now={now()} />
          </Show>
        </div>
      </div>
      {/* ── Questions, proposals and animation: E2's components (./questions/*). ── */}
      <div class="event-page__questions">
        <EventQuestions detail={props.detail} onChange={() => void props.store.refresh()} />
        <EventAnimation detail={props.detail} onChange={() => void props.store.refresh()} />
      </div>
    </article>
  );
}

function EventLoader(props: { id: string }) {
  const store = createEventStore(() => props.id);
  const detail = store.detail;

  const loaded = () => (detail.state === 'ready' || detail.state === 'refreshing' ? detail.latest : undefined);

  const missing = () =>
    detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.code === 'invalid_input');

  return (
    <Switch
      fallback={
        <p class="page page--loading" role="status">
          {t('page.loading')}
        </p>
      }
    >
      <Match when={detail.error}>
        <div class="page page--narrow">
          <PageHeading title={t(missing() ? 'events.notFound' : 'events.loadError')}>
            {t(missing() ? 'events.notFound' : 'events.loadError')}
          </PageHeading>
          <Show when={!missing()}>
            <p class="notice notice--error" role="alert">
              {errorText(detail.error)}
            </p>
          </Show>
          <p class="actions">
            <Show when={!missing()}>
              <button type="button" class="button button--primary" onClick={() => void store.reload()}>
                {t('common.retry')}
              </button>
            </Show>
            <A href="/agenda" class="button button--secondary">
              {t('events.backToAgenda')}
            </A>
          </p>
        </div>
      </Match>
      {/* Shown once loaded, from `latest` rather than a suspending read: inside the router's
          navigation transition the children (E2's live questions too) would otherwise run
          against a not-yet-committed, undefined event. */}
      <Match when={loaded()}>
        <EventView detail={loaded()!} store={store} />
      </Match>
    </Switch>
  );
}

/** `/evenements/:id`: one event, its seats counted live, registering and leaving. */
export default function EventPage() {
  const params = useParams<{ id: string }>();
  return (
    <Show when={params.id} keyed>
      {(id) => <EventLoader id={id} />}
    </Show>
  );
}
