import { A } from '@solidjs/router';
import { PageHeading } from '../../ui/page-heading';
import { t } from './not-found.i18n';

export default function NotFoundPage() {
  return (
    <div class="page page--narrow">
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <p class="lead">{t('notFound.text')}</p>
      <p class="actions">
        <A href="/" class="button button--primary">
          {t('notFound.home')}
        </A>
      </p>
    </div>
  );
}
