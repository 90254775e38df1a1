import { Show } from 'solid-js';
import { PageHeading } from '../../ui/page-heading';
import { RequireSignIn } from '../accounts/require-sign-in';
import { session } from '../accounts/session.store';
import { moderationApi } from './moderation.api';
import { t } from './moderation.i18n';
import { ModerationQueueView } from './moderation-queue';

/** `/admin/moderation`: every open flag, of every space and of alliance documents (admins). */
export default function AdminModerationPage() {
  return (
    <RequireSignIn>
      <div class="page page--wide">
        <PageHeading title={t('admin.title')}>{t('admin.title')}</PageHeading>
        <Show when={session.user()?.role === 'admin'} fallback={<p>{t('admin.forbidden')}</p>}>
          <ModerationQueueView load={() => moderationApi.adminQueue()} intro={t('queue.adminIntro')} />
        </Show>
      </div>
    </RequireSignIn>
  );
}
