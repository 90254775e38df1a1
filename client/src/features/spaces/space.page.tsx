import { Tabs } from '@kobalte/core/tabs';
import { A, useParams, useSearchParams } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form';
import { contentLang } from '../../lib/i18n';
import { PageHeading } from '../../ui/page-heading';
import { session } from '../accounts/session.store';
import { ThreadList } from '../discussions/thread-list';
import { SpaceResources } from '../documents/space-resources';
import { SpaceEvents } from '../events/space-events';
import { t as tModeration } from '../moderation/moderation.i18n';
import { SpaceModeration } from '../moderation/moderation-queue';
import { SpaceNewsletters } from '../newsletters/space-newsletters';
import { t as tNewsletters } from '../newsletters/space-newsletters.i18n';
import { MembershipPanel } from './membership-panel';
import { createSpaceStore, type SpaceStore } from './space.store';
import { SpaceAbout, SpaceFacts } from './space-about';
import { SpaceManage } from './space-manage';
import { SpaceMembers } from './space-members';
import { t } from './spaces.i18n';
import './spaces.css';

const TABS = ['discussions', 'documents', 'evenements', 'infolettres', 'membres', 'animation', 'moderation'] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: unknown): value is Tab => TABS.includes(value as Tab);

function SpaceTabs(props: { store: SpaceStore }) {
  const [params, setParams] = useSearchParams<{ onglet?: string }>();
  const data = () => props.store.space()!;
  const manage = () => data().permissions.manage;
  const selected = (): Tab => {
    const wanted = params.onglet;
    if (!isTab(wanted) || ((wanted === 'animation' || wanted === 'moderation') && !manage())) return 'discussions';
    return wanted;
  };
  const label = (tab: Exclude<Tab, 'infolettres' | 'moderation'>) => t(`space.tab.${tab}`);

  return (
    <Tabs
      class="space-tabs"
      value={selected()}
      onChange={(value) => setParams({ onglet: value === 'discussions' ? undefined : value }, { replace: true })}
    >
      <Tabs.List class="space-tabs__list" aria-label={t('space.tabs')}>
        <Tabs.Trigger class="space-tabs__tab" value="discussions">
          {label('discussions')}
        </Tabs.Trigger>
        <Tabs.Trigger class="space-tabs__tab" value="documents">
          {label('documents')}
        </Tabs.Trigger>
        <Tabs.Trigger class="space-tabs__tab" value="evenements">
          {label('evenements')}
        </Tabs.Trigger>
        <Tabs.Trigger class="space-tabs__tab" value="infolettres">
          {tNewsletters('spaceNewsletters.tab')}
        </Tabs.Trigger>
        <Tabs.Trigger class="space-tabs__tab" value="membres">
          {label('membres')}
        </Tabs.Trigger>
        <Show when={manage()}>
          <Tabs.Trigger class="space-tabs__tab" value="animation">
            {label('animation')}
          </Tabs.Trigger>
          <Tabs.Trigger class="space-tabs__tab" value="moderation">
            {tModeration('queue.heading')}
          </Tabs.Trigger>
        </Show>
      </Tabs.List>
      <Tabs.Content class="space-tabs__panel" value="discussions">
        <ThreadList data={data()} />
      </Tabs.Content>
      <Tabs.Content class="space-tabs__panel" value="documents">
        <h2 class="visually-hidden">{label('documents')}</h2>
        <SpaceResources data={data()} />
      </Tabs.Content>
      <Tabs.Content class="space-tabs__panel" value="evenements">
        <h2 class="visually-hidden">{label('evenements')}</h2>
        <SpaceEvents data={data()} />
      </Tabs.Content>
      <Tabs.Content class="space-tabs__panel" value="infolettres">
        <SpaceNewsletters data={data()} />
      </Tabs.Content>
      <Tabs.Content class="space-tabs__panel" value="membres">
        <Show
          when={data().permissions.seeMembers}
          fallback={
            <>
              <h2 class="visually-hidden">{label('membres')}</h2>
              <p>{t(session.isSignedIn() ? 'space.members.hidden' : 'space.members.signIn')}</p>
            </>
          }
        >
          <SpaceMembers store={props.store} />
        </Show>
      </Tabs.Content>
      <Show when={manage()}>
        <Tabs.Content class="space-tabs__panel" value="animation">
          <SpaceManage store={props.store} />
        </Tabs.Content>
        <Tabs.Content class="space-tabs__panel" value="moderation">
          <SpaceModeration slug={data().space.slug} />
        </Tabs.Content>
      </Show>
    </Tabs>
  );
}

function SpaceView(props: { store: SpaceStore }) {
  const data = () => props.store.space()!;
  return (
    <div class="page page--wide space">
      <p class="space__crumbs">
        <A href="/espaces">{t('space.backToSpaces')}</A>
      </p>
      <header class="space__head">
        <p class="space__kind">{t(`space.kind.${data().space.kind}`)}</p>
        <PageHeading title={data().space.title}>
          <span lang={contentLang()}>{data().space.title}</span>
        </PageHeading>
        <Show when={data().space.status === 'archived'}>
          <p class="notice notice--info">{t('space.archived.notice')}</p>
        </Show>
        <Show when={data().space.summary}>
          <p class="lead" lang={contentLang()}>
            {data().space.summary}
          </p>
        </Show>
      </header>
      {/* Membership first: on a phone it comes right under the title, not after the text. */}
      <div class="space__layout">
        <div class="space__panel">
          <MembershipPanel store={props.store} />
        </div>
        <div class="space__about">
          <SpaceAbout space={data().space} />
        </div>
        <div class="space__facts">
          <SpaceFacts space={data().space} />
        </div>
      </div>
      <SpaceTabs store={props.store} />
    </div>
  );
}

function SpaceUnavailable(props: { error: unknown; onRetry: () => void }) {
  const missing = () =>
    props.error instanceof ApiError && (props.error.status === 404 || props.error.code === 'invalid_input');
  return (
    <div class="page page--narrow">
      <Show
        when={missing()}
        fallback={
          <>
            <PageHeading title={t('space.loadError.title')}>{t('space.loadError.title')}</PageHeading>
            <div class="notice notice--error" role="alert">
              <p>{errorText(props.error)}</p>
            </div>
            <p class="actions">
              <button type="button" class="button button--primary" onClick={() => props.onRetry()}>
                {t('common.retry')}
              </button>
              <A href="/espaces" class="button button--secondary">
                {t('space.backToSpaces')}
              </A>
            </p>
          </>
        }
      >
        <PageHeading title={t('space.notFound.title')}>{t('space.notFound.title')}</PageHeading>
        <p class="lead">{t(session.isSignedIn() ? 'space.notFound.text' : 'space.notFound.signIn')}</p>
        <p class="actions">
          <A href="/espaces" class="button button--primary">
            {t('space.backToSpaces')}
          </A>
        </p>
      </Show>
    </div>
  );
}

function SpaceLoader(props: { slug: string }) {
  const store = createSpaceStore(() => props.slug);
  return (
    <Switch
      fallback={
        <p class="page page--loading" role="status">
          {t('page.loading')}
        </p>
      }
    >
      <Match when={store.space.error}>
        {(error) => <SpaceUnavailable error={error()} onRetry={() => void store.reload()} />}
      </Match>
      <Match when={store.space()}>
        <SpaceView store={store} />
      </Match>
    </Switch>
  );
}

/**
 * `/espaces/:slug`: a space's presentation, the reader's membership, and its tabs. Keyed on
 * the slug: another space is another page, with its own store and forms.
 */
export default function SpacePage() {
  const params = useParams<{ slug: string }>();
  return (
    <Show when={params.slug} keyed>
      {(slug) => <SpaceLoader slug={slug} />}
    </Show>
  );
}
