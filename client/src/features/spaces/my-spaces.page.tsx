import type { MySpace } from '@atelier/contract';
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { PageHeading } from '../../ui/page-heading';
import { RequireSignIn } from '../accounts/require-sign-in';
import { createMySpaces, splitMySpaces } from './my-spaces.store';
import { SpaceCard } from './space-card';
import { t } from './spaces.i18n';
import './spaces-overview.css';
import './spaces.css';
import { Loadable } from '../../ui/loadable';

function MySpaceList(props: { items: MySpace[]; id: string; title: string }) {
  return (
    <Show when={props.items.length > 0}>
      <section class="spaces__group" aria-labelledby={props.id}>
        <h2 id={props.id}>{props.title}</h2>
        <ul class="spaces__list">
          <For each={props.items}>
            {(item) => <SpaceCard space={item.space} level={3} membership={item.membership} showKind />}
          </For>
        </ul>
      </section>
    </Show>
  );
}

function MySpacesContent() {
  const { mySpaces, refetch } = createMySpaces();
  const groups = () => splitMySpaces(mySpaces() ?? []);
  return (
    <Loadable error={t('mySpaces.error')} retry={refetch}>
      <Show
        when={(mySpaces() ?? []).length > 0}
        fallback={
          <div class="card">
            <p>{t('mySpaces.empty')}</p>
            <p class="actions">
              <A href="/espaces" class="button button--primary">
                {t('mySpaces.discover')}
              </A>
            </p>
          </div>
        }
      >
        <MySpaceList items={groups().active} id="my-active" title={t('mySpaces.active')} />
        <MySpaceList items={groups().pending} id="my-pending" title={t('mySpaces.pending')} />
        <p>
          <A href="/espaces">{t('mySpaces.discoverMore')}</A>
        </p>
      </Show>
    </Loadable>
  );
}

/** `/mes-espaces`: the spaces I belong to, and the requests I am waiting on. */
export default function MySpacesPage() {
  return (
    <RequireSignIn>
      <div class="page page--wide">
        <PageHeading title={t('mySpaces.title')}>{t('mySpaces.title')}</PageHeading>
        <p class="lead">{t('mySpaces.lead')}</p>
        <MySpacesContent />
      </div>
    </RequireSignIn>
  );
}
