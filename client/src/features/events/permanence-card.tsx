import type { MyRegistration, NextOccurrence } from '@atelier/contract';
import { A } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import { formatEventRange, PARIS } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { createNextPermanence } from './events.store';
import { t } from './permanence.i18n';
import './permanence-card.css';
import { Loadable } from '../../ui/loadable';

/** Keeps "12 h 30" on one line: a time split across lines is hard to read. */
const unbreakableTimes = (text: string) => text.replace(/(\d) h (\d)/g, '$1\u00a0h\u00a0$2');

const zone = (timezone: string) => timezone || PARIS;

/** The occurrence's own page once it exists as an event; the agenda's permanences otherwise. */
const occurrenceHref = (occurrence: NextOccurrence) =>
  occurrence.eventId ? `/evenements/${encodeURIComponent(occurrence.eventId)}` : '/agenda?type=permanence';
const zoneLabel = (timezone: string) => (zone(timezone) === PARIS ? t('permanence.parisTime') : timezone);

/**
 * "La prochaine permanence": date and time in Paris, whatever the reader's clock says. Given
 * the reader's registrations, it says where they stand instead of inviting them to register.
 */
export function PermanenceCard(props: { registrationOf?: (eventId: string) => MyRegistration | undefined }) {
  const mine = (occurrence: NextOccurrence) =>
    occurrence.eventId ? props.registrationOf?.(occurrence.eventId) : undefined;
  const { next, refetch } = createNextPermanence();
  return (
    <section class="card permanence" aria-labelledby="permanence-title">
      <h2 id="permanence-title" class="permanence__title">
        {t('permanence.heading')}
      </h2>
      <Loadable error={t('permanence.error')} retry={refetch} quiet errorClass="permanence__error">
        <Switch>
          <Match when={next() === null}>
            <p>{t('permanence.none')}</p>
          </Match>
          <Match when={next()}>
            {(occurrence) => (
              <>
                <p class="permanence__name">{occurrence().title}</p>
                <p class="permanence__when">
                  <time datetime={occurrence().startsAt}>
                    {unbreakableTimes(
                      formatEventRange(
                        occurrence().startsAt,
                        occurrence().endsAt,
                        locale(),
                        zone(occurrence().timezone),
                      ),
                    )}
                  </time>{' '}
                  <span class="permanence__zone">({zoneLabel(occurrence().timezone)})</span>
                </p>
                <p class="permanence__summary">{occurrence().summary}</p>
                <p class="muted">
                  {t(occurrence().mode === 'presentiel' ? 'permanence.inPerson' : 'permanence.online')}
                </p>
                <Show when={mine(occurrence())}>
                  {(registration) => (
                    <p>
                      <span class="badge">
                        {registration().status === 'waitlisted'
                          ? t('permanence.waitlisted', { position: registration().position ?? '' })
                          : t('permanence.registered')}
                      </span>
                    </p>
                  )}
                </Show>
                <p class="permanence__link">
                  <A href={occurrenceHref(occurrence())} class="button button--primary">
                    {t(mine(occurrence()) ? 'permanence.view' : 'permanence.open')}
                  </A>
                </p>
              </>
            )}
          </Match>
        </Switch>
      </Loadable>
    </section>
  );
}
