import { Tabs } from '@kobalte/core/tabs';
import { A, useSearchParams } from '@solidjs/router';
import { createMemo, For, type JSX, Match, Show, Switch } from 'solid-js';
import { errorText } from '../../lib/form';
import { PageHeading } from '../../ui/page-heading';
import { session } from '../accounts/session.store';
import { t, tc } from './directory.i18n';
import {
  createOrganisationSearch,
  createPeopleSearch,
  type DirectorySearch,
  type DirectoryView,
  EMPTY_FILTERS,
  type FilterDraft,
  filtersFromSearch,
  hasFilters,
  sameFilters,
  searchFromFilters,
  viewFromSearch,
} from './directory.store';
import { OrganisationCard, PersonCard } from './directory-cards';
import { DirectoryFilters } from './directory-filters';
import './directory.css';

/** Whether the reader is listed, with the way to change it: the directory is opt-in. */
function MyListing() {
  return (
    <Show when={session.user()}>
      {(user) => (
        <p class="directory__me">
          {user().profile.listedInDirectory ? t('directory.me.listed') : t('directory.me.unlisted')}{' '}
          <A href="/profil">{t('directory.me.profileLink')}</A>
        </p>
      )}
    </Show>
  );
}

/** What to do when nothing was found; the status line above already says so. */
function EmptyResults(props: { filtered: boolean; onReset: () => void }) {
  return (
    <div class="directory__empty">
      <Show
        when={props.filtered}
        fallback={
          <p>
            <A href="/profil">{t('directory.empty.beFirst')}</A>
          </p>
        }
      >
        <p class="muted">{t('directory.empty.hint')}</p>
        <button type="button" class="button button--secondary" onClick={() => props.onReset()}>
          {t('directory.filters.reset')}
        </button>
      </Show>
    </div>
  );
}

function LoadError(props: { error: unknown; onRetry: () => void }) {
  return (
    <div class="notice notice--error" role="alert">
      <p>
        {t('directory.error')} {errorText(props.error)}
      </p>
      <button type="button" class="button button--secondary" onClick={() => props.onRetry()}>
        {t('common.retry')}
      </button>
    </div>
  );
}

type ListName = 'people' | 'organisations';

/** One tab's results: a live count, the list, and "Afficher plus" while there is more. */
function Results<T>(props: {
  search: DirectorySearch<T>;
  name: ListName;
  filters: () => FilterDraft;
  onReset: () => void;
  children: (item: T) => JSX.Element;
}) {
  const search = props.search;
  let list: HTMLUListElement | undefined;
  const loading = () => search.state.status === 'loading';

  // After "Afficher plus", focus moves to the first new entry: keyboard and screen-reader
  // users continue reading where the list grew instead of starting again from the top.
  const showMore = async () => {
    const searched = props.filters();
    const before = await search.loadMore();
    // A new search started meanwhile: its list is another one, leave the focus alone.
    if (props.filters() !== searched) return;
    list?.querySelectorAll<HTMLElement>('.directory-card__title')[before]?.focus();
  };

  return (
    <>
      <p role="status" class="directory__count">
        <Switch>
          <Match when={loading()}>{t('common.loading')}</Match>
          <Match when={search.state.status === 'ready' && search.state.items.length === 0}>
            {hasFilters(props.filters()) ? t(`directory.${props.name}.empty`) : t(`directory.${props.name}.none`)}
          </Match>
          <Match when={search.state.status === 'ready' || search.state.status === 'loadingMore'}>
            {tc(
              search.state.nextCursor ? `directory.${props.name}.countMore` : `directory.${props.name}.count`,
              search.state.items.length,
            )}
          </Match>
        </Switch>
      </p>
      <Show when={search.state.status === 'error'}>
        <LoadError error={search.state.error} onRetry={search.retry} />
      </Show>
      <Show
        when={search.state.items.length > 0 || loading()}
        fallback={
          <Show when={search.state.status === 'ready'}>
            <EmptyResults filtered={hasFilters(props.filters())} onReset={props.onReset} />
          </Show>
        }
      >
        <ul ref={list} class="directory__list" aria-busy={loading() || undefined}>
          <For each={search.state.items}>{(item) => props.children(item)}</For>
        </ul>
      </Show>
      <Show when={search.state.nextCursor && !loading()}>
        <p class="directory__more">
          <button
            type="button"
            class="button button--secondary"
            aria-disabled={search.state.status === 'loadingMore' || undefined}
            aria-busy={search.state.status === 'loadingMore' || undefined}
            onClick={() => void showMore()}
          >
            <Show when={search.state.status === 'loadingMore'} fallback={t('directory.more')}>
              <span class="spinner" aria-hidden="true" />
              {t('common.loading')}
            </Show>
          </button>
        </p>
      </Show>
    </>
  );
}

function Directory() {
  const [search, setSearch] = useSearchParams();
  // Only a change of filter values starts a new search, not a change of tab.
  const filters = createMemo(() => filtersFromSearch(search), EMPTY_FILTERS, { equals: sameFilters });
  const view = () => viewFromSearch(search);
  // Both searches live here, not in their tab panels (which unmount when hidden): going from
  // one tab to the other keeps the pages already shown. Organisations are fetched once their
  // tab has been opened, then kept in step with the filters.
  const organisationsOpened = createMemo((opened: boolean) => opened || view() === 'organisations', false);
  const people = createPeopleSearch(filters);
  const organisations = createOrganisationSearch(filters, organisationsOpened);

  const apply = (next: FilterDraft) => setSearch(searchFromFilters(next));
  let tabList: HTMLDivElement | undefined;
  // "Effacer les filtres" in an empty result disappears with it: focus goes to the current
  // tab, just above the results that come back.
  const reset = () => {
    apply(EMPTY_FILTERS);
    tabList?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  };
  const changeView = (next: string) => {
    setSearch({ vue: next === 'organisations' ? 'organisations' : undefined }, { replace: true });
  };

  return (
    <div class="directory__layout">
      <DirectoryFilters applied={filters} onApply={apply} />
      <section class="directory__results" aria-labelledby="directory-results-title">
        <h2 id="directory-results-title" class="visually-hidden">
          {t('directory.results')}
        </h2>
        <Tabs value={view()} onChange={changeView} class="directory-tabs">
          <Tabs.List ref={tabList} class="directory-tabs__list" aria-label={t('directory.tabs.label')}>
            <Tabs.Trigger class="directory-tabs__trigger" value={'personnes' satisfies DirectoryView}>
              {t('directory.tabs.people')}
            </Tabs.Trigger>
            <Tabs.Trigger class="directory-tabs__trigger" value={'organisations' satisfies DirectoryView}>
              {t('directory.tabs.organisations')}
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content class="directory-tabs__panel" value="personnes">
            <Results search={people} name="people" filters={filters} onReset={reset}>
              {(person) => <PersonCard person={person} />}
            </Results>
          </Tabs.Content>
          <Tabs.Content class="directory-tabs__panel" value="organisations">
            <Results search={organisations} name="organisations" filters={filters} onReset={reset}>
              {(organisation) => <OrganisationCard organisation={organisation} />}
            </Results>
          </Tabs.Content>
        </Tabs>
      </section>
    </div>
  );
}

function SignInInvite() {
  const back = encodeURIComponent('/annuaire');
  return (
    <section class="card directory__invite" aria-labelledby="directory-invite-title">
      <h2 id="directory-invite-title">{t('directory.signedOut.heading')}</h2>
      <p>{t('directory.signedOut.text')}</p>
      <p class="actions">
        <A href={`/connexion?retour=${back}`} class="button button--primary">
          {t('directory.signedOut.signIn')}
        </A>
        <A href="/inscription" class="button button--secondary">
          {t('directory.signedOut.signUp')}
        </A>
      </p>
    </section>
  );
}

/** The alliance directory: listed people and their organisations, for signed-in members. */
export default function DirectoryPage() {
  return (
    <div class="page directory">
      <PageHeading title={t('directory.title')}>{t('directory.title')}</PageHeading>
      <p class="lead">{t('directory.lead')}</p>
      <Switch>
        <Match when={session.status() === 'loading'}>
          <p role="status">{t('common.loading')}</p>
        </Match>
        <Match when={session.status() === 'signedOut'}>
          <SignInInvite />
        </Match>
        <Match when={session.status() === 'signedIn'}>
          <MyListing />
          <Directory />
        </Match>
      </Switch>
    </div>
  );
}
