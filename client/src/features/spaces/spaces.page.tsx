import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { PageHeading } from '../../ui/page-heading';
import { session } from '../accounts/session.store';
import { createMySpaces, membershipsById } from './my-spaces.store';
import { t } from './spaces.i18n';
import { createSpaceList } from './spaces.store';
import { SpaceGroups } from './spaces-overview';
import './spaces.css';
import { Loadable } from '../../ui/loadable';

/** `/espaces`: every space the reader may see, by kind, with the reader's own state. */
export default function SpacesPage() {
  const { spaces, refetch } = createSpaceList();
  const { mySpaces } = createMySpaces();
  // "Mes espaces" only adds badges: if it fails, the list still shows.
  const memberships = () => membershipsById(mySpaces.error ? undefined : mySpaces());

  return (
    <div class="page page--wide">
      <div class="spaces-page__head">
        <div>
          <PageHeading title={t('spacesPage.title')}>{t('spacesPage.title')}</PageHeading>
          <p class="lead">{t('spacesPage.lead')}</p>
        </div>
        <p class="actions spaces-page__actions">
          <Show when={session.isSignedIn()}>
            <A href="/mes-espaces" class="button button--secondary">
              {t('mySpaces.title')}
            </A>
          </Show>
          <Show when={session.user()?.role === 'admin'}>
            <A href="/espaces/nouveau" class="button button--primary">
              {t('spacesPage.create')}
            </A>
          </Show>
        </p>
      </div>
      <Loadable error={t('spaces.error')} retry={refetch}>
        <SpaceGroups spaces={spaces() ?? []} level={2} memberships={memberships()} />
      </Loadable>
    </div>
  );
}
