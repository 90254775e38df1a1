import { A } from '@solidjs/router';
import { ApiError } from '../../lib/api';
import { EventWhen } from './event-item';
import { eventsApi } from './events.api';
import { t } from './events.i18n';
import { TokenPage } from './token-page';

/** `/inscriptions/confirmer?token=…`: the link mailed to a guest, confirmed with a button. */
export default function GuestConfirmPage() {
  return (
    <TokenPage
      title={t('guestConfirm.title')}
      invalidText={t('guestConfirm.invalid')}
      isInvalid={(failure) =>
        failure instanceof ApiError && (failure.code === 'invalid_token' || failure.code === 'invalid_input')
      }
      explain={<p class="lead">{t('guestConfirm.explain')}</p>}
      confirmLabel={t('guestConfirm.confirm')}
      busyLabel={t('guestConfirm.busy')}
      run={(token) => eventsApi.confirmGuest(token)}
      done={(confirmed, headingRef) => (
        <div class="card">
          <h2 ref={headingRef} tabindex="-1">
            {confirmed.registration.status === 'registered'
              ? t('guestConfirm.registered')
              : t('guestConfirm.waitlisted', { position: confirmed.registration.position ?? '' })}
          </h2>
          <p>
            <strong>{confirmed.event.title}</strong>
          </p>
          <EventWhen event={confirmed.event} />
          <p>{t('guestConfirm.mail')}</p>
          <p class="muted">{t('guestConfirm.account')}</p>
          <p class="actions">
            <A href={`/evenements/${encodeURIComponent(confirmed.event.id)}`} class="button button--secondary">
              {t('registrationCancel.seeEvent')}
            </A>
            <A href="/inscription" class="button button--secondary">
              {t('guestConfirm.createAccount')}
            </A>
          </p>
        </div>
      )}
    />
  );
}
