import { A } from '@solidjs/router';
import { ApiError } from '../../lib/api';
import { EventWhen } from './event-item';
import { t } from './events.i18n';
import { cancelRegistrationByToken } from './events.store';
import { TokenPage } from './token-page';

const backToAgenda = () => (
  <A href="/agenda" class="button button--secondary">
    {t('events.backToAgenda')}
  </A>
);

/** `/inscriptions/annuler?token=…`: the "je ne peux plus venir" link of the mails, confirmed with a button. */
export default function RegistrationCancelPage() {
  return (
    <TokenPage
      title={t('registrationCancel.title')}
      invalidText={t('registrationCancel.invalid')}
      isInvalid={(failure) =>
        failure instanceof ApiError && (failure.status === 404 || failure.code === 'invalid_input')
      }
      invalidAside={<p class="actions">{backToAgenda()}</p>}
      explain={
        <>
          <p class="lead">{t('registrationCancel.explain')}</p>
          <p>{t('registrationCancel.explain2')}</p>
        </>
      }
      confirmLabel={t('registrationCancel.confirm')}
      busyLabel={t('registrationCancel.busy')}
      aside={
        <A href="/agenda" class="button button--secondary">
          {t('registrationCancel.keep')}
        </A>
      }
      run={cancelRegistrationByToken}
      done={(event, headingRef) => (
        <div class="card">
          <h2 ref={headingRef} tabindex="-1">
            {t('registrationCancel.done')}
          </h2>
          <p>
            <strong>{event.title}</strong>
          </p>
          <EventWhen event={event} />
          <p>{t('registrationCancel.doneText')}</p>
          <p class="actions">
            <A href={`/evenements/${encodeURIComponent(event.id)}`} class="button button--secondary">
              {t('registrationCancel.seeEvent')}
            </A>
            {backToAgenda()}
          </p>
        </div>
      )}
    />
  );
}
