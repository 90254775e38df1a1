import type { Event } from '@atelier/contract';
import { A } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import { formatEventRange, PARIS } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { seatsLeft } from './event-state';
import { deviceTimeZone, isoToWallClock } from './event-time';
import { t, tc } from './events.i18n';

/** Keeps "12 h 30" on one line: a time split across lines is hard to read. */
export const unbreakableTimes = (text: string) => text.replace(/(\d) h (\d)/g, '$1\u00a0h\u00a0$2');

export const zoneName = (timezone: string) => (timezone === PARIS ? t('events.zone.paris') : timezone);

/**
 * When, on the event's own clock (the one its organisers chose), and on the reader's when the
 * two differ — someone in Montréal sees both.
 */
export function EventWhen(props: { event: Pick<Event, 'startsAt' | 'endsAt' | 'timezone'>; class?: string }) {
  const viewer = deviceTimeZone();
  const differs = () =>
    isoToWallClock(props.event.startsAt, viewer) !== isoToWallClock(props.event.startsAt, props.event.timezone);
  return (
    <p class={props.class ?? 'event-when'}>
      <time datetime={props.event.startsAt}>
        {unbreakableTimes(formatEventRange(props.event.startsAt, props.event.endsAt, locale(), props.event.timezone))}
      </time>{' '}
      <span class="event-when__zone">({zoneName(props.event.timezone)})</span>
      <Show when={differs()}>
        <br />
        <span class="event-when__viewer">
          {t('events.when.yours', {
            when: unbreakableTimes(formatEventRange(props.event.startsAt, props.event.endsAt, locale(), viewer)),
          })}
        </span>
      </Show>
    </p>
  );
}

/** Seats left, "Complet", the waitlist: what decides whether to register now. */
export function SeatsNote(props: { event: Event }) {
  const left = () => seatsLeft(props.event);
  return (
    <Switch fallback={<span class="seats">{tc('events.seats.left', left() ?? 0)}</span>}>
      <Match when={props.event.cancelledAt}>
        <span class="badge badge--cancelled">{t('events.state.cancelledShort')}</span>
      </Match>
      <Match when={left() === null}>
        <span class="seats">{tc('events.seats.registered', props.event.registeredCount)}</span>
      </Match>
      <Match when={left() === 0}>
        <span class="seats seats--full">
          {props.event.waitlistCount > 0
            ? tc('events.seats.fullWaitlist', props.event.waitlistCount)
            : t('events.seats.full')}
        </span>
      </Match>
    </Switch>
  );
}

export function KindBadge(props: { kind: Event['kind'] }) {
  return <span class={`badge badge--kind badge--${props.kind}`}>{t(`events.kind.${props.kind}`)}</span>;
}

/** One event in a list (agenda, a space's tab): a link to its page and what to know at a glance. */
export function EventItem(props: { event: Event; headingLevel?: 3 | 4; showSpace?: boolean }) {
  const title = () => (
    <A href={`/evenements/${encodeURIComponent(props.event.id)}`} class="event-item__link">
      {props.event.title}
    </A>
  );
  return (
    <article class="event-item" classList={{ 'event-item--cancelled': !!props.event.cancelledAt }}>
      <Show when={props.headingLevel === 4} fallback={<h3 class="event-item__title">{title()}</h3>}>
        <h4 class="event-item__title">{title()}</h4>
      </Show>
      <p class="event-item__meta">
        <KindBadge kind={props.event.kind} />{' '}
        <span>{t(props.event.mode === 'presentiel' ? 'events.mode.presentiel' : 'events.mode.visio')}</span>
        <Show when={props.showSpace !== false}>
          {' · '}
          <Show when={props.event.space} fallback={<span>{t('events.space.alliance')}</span>}>
            {(space) => <A href={`/espaces/${encodeURIComponent(space().slug)}`}>{space().name}</A>}
          </Show>
        </Show>
      </p>
      <EventWhen event={props.event} />
      <p class="event-item__seats">
        <SeatsNote event={props.event} />
      </p>
    </article>
  );
}
