import { A } from '@solidjs/router';
import { PageHeading } from '../../ui/page-heading';
import { t } from './privacy.i18n';
import './privacy.css';

/**
 * `/confidentialite`: what the Atelier keeps, why and for how long — the durations the
 * server's retention applies (plugins/retention.ts, features/privacy/) — who reads what, and
 * how to download one's data or leave. Readable by anyone, signed in or not.
 */
export default function PrivacyPage() {
  return (
    <div class="page privacy-page">
      <PageHeading title={t('privacy.title')}>{t('privacy.title')}</PageHeading>
      <p>{t('privacy.lead')}</p>

      <section aria-labelledby="privacy-kept">
        <h2 id="privacy-kept">{t('privacy.kept.heading')}</h2>
        <ul>
          <li>{t('privacy.kept.account')}</li>
          <li>{t('privacy.kept.content')}</li>
          <li>{t('privacy.kept.events')}</li>
          <li>{t('privacy.kept.directory')}</li>
        </ul>
      </section>

      <section aria-labelledby="privacy-durations">
        <h2 id="privacy-durations">{t('privacy.durations.heading')}</h2>
        <ul>
          <li>{t('privacy.durations.sessions')}</li>
          <li>{t('privacy.durations.links')}</li>
          <li>{t('privacy.durations.mail')}</li>
          <li>{t('privacy.durations.live')}</li>
          <li>{t('privacy.durations.exports')}</li>
          <li>{t('privacy.durations.audit')}</li>
        </ul>
      </section>

      <section aria-labelledby="privacy-readers">
        <h2 id="privacy-readers">{t('privacy.readers.heading')}</h2>
        <ul>
          <li>{t('privacy.readers.public')}</li>
          <li>{t('privacy.readers.members')}</li>
          <li>{t('privacy.readers.direct')}</li>
          <li>{t('privacy.readers.mailbox')}</li>
        </ul>
      </section>

      <section aria-labelledby="privacy-rights">
        <h2 id="privacy-rights">{t('privacy.rights.heading')}</h2>
        <ul>
          <li>{t('privacy.rights.export')}</li>
          <li>{t('privacy.rights.erase')}</li>
        </ul>
        <p>
          <A href="/profil#my-data-title">{t('privacy.rights.profile')}</A>
        </p>
        <p>{t('privacy.rights.contact')}</p>
      </section>
    </div>
  );
}
