import { useLocation, useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, createUniqueId, For, Match, on, Show, Switch } from 'solid-js';
import { contentLang } from '../../lib/i18n';
import { PageHeading } from '../../ui/page-heading';
import { signInHref } from '../accounts/return-path';
import { session } from '../accounts/session.store';
import { MagnifierIcon } from './header-search';
import { t, tc } from './search.i18n';
import { createSearch, createSpaceTitle, INPUT_PROBLEMS, type Search } from './search.store';
import { NoResults, SearchHelp, SearchProblemNotice } from './search-notes';
import { ResultList, resultLinks } from './search-results';
import {
  cleanQuery,
  EMPTY_REQUEST,
  QUERY_MAX,
  requestFromParams,
  SEARCH_PATH,
  SEARCH_TYPE_ORDER,
  type SearchRequest,
  sameRequest,
  searchHref,
} from './search-url';
import './search.css';

/**
 * The page's own field, pre-filled from the address bar and following it (Back, a filter link).
 * A GET form: the type and the space ride along as hidden fields, so it works before the script
 * too. ArrowDown goes to the first result.
 */
function SearchForm(props: {
  request: SearchRequest;
  problemId: string | undefined;
  onSearch: (q: string) => void;
  onArrowDown: () => boolean;
  ref: (element: HTMLInputElement) => void;
}) {
  const [draft, setDraft] = createSignal(props.request.q);
  createEffect(on(() => props.request.q, setDraft, { defer: true }));
  const hintId = createUniqueId();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    props.onSearch(cleanQuery(draft()));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (props.onArrowDown()) event.preventDefault();
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: the <search> element is too recent for the browsers and screen readers some members use; role="search" on the form is understood everywhere.
    <form class="search-form" role="search" aria-label={t('search.form')} action={SEARCH_PATH} onSubmit={submit}>
      <label class="search-form__label" for="search-page-q">
        {t('search.input')}
      </label>
      <div class="search-form__row">
        <input
          ref={props.ref}
          id="search-page-q"
          class="search-form__input"
          type="search"
          name="q"
          value={draft()}
          onInput={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          maxLength={QUERY_MAX}
          autocomplete="off"
          enterkeyhint="search"
          aria-keyshortcuts="/"
          aria-invalid={props.problemId ? 'true' : undefined}
          aria-describedby={[props.problemId, hintId].filter(Boolean).join(' ')}
          data-search-field="page"
        />
        <button type="submit" class="button button--primary search-form__submit">
          <MagnifierIcon />
          {t('search.submit')}
        </button>
      </div>
      <p id={hintId} class="search-form__hint">
        {t('search.input.hint')}
      </p>
      <Show when={props.request.type}>{(type) => <input type="hidden" name="type" value={type()} />}</Show>
      <Show when={props.request.space}>{(space) => <input type="hidden" name="espace" value={space()} />}</Show>
    </form>
  );
}

/**
 * The type filters: links (each one a search of its own, to share or bookmark), the current
 * one marked `aria-current`. Plain anchors: the router's <A> would mark them all current, as
 * they share the path.
 */
function TypeFilters(props: { request: SearchRequest }) {
  const options = () => [
    { type: null, label: t('search.types.all') },
    ...SEARCH_TYPE_ORDER.map((type) => ({ type, label: t(`search.types.${type}`) })),
  ];
  return (
    <nav class="search-types" aria-label={t('search.types')}>
      <ul class="search-types__list">
        <For each={options()}>
          {(option) => (
            <li>
              <a
                class="search-types__link"
                href={searchHref({ ...props.request, type: option.type })}
                aria-current={props.request.type === option.type ? 'page' : undefined}
              >
                {option.label}
              </a>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}

/** The live line: how many results are shown (and what the search was widened to). */
function SearchStatus(props: { search: Search }) {
  const state = props.search.state;
  return (
    <div role="status" class="search__status">
      <Switch>
        <Match when={state.status === 'loading'}>
          <p class="search__count">{t('search.searching')}</p>
        </Match>
        <Match when={state.status === 'ready' || state.status === 'loadingMore' || state.items.length > 0}>
          <p class="search__count">
            {state.items.length === 0 ? t('search.count.none') : tc('search.count', state.items.length)}
          </p>
          <Show when={state.expandedWith.length > 0}>
            <p class="search__expanded">
              {t('search.expanded')} <span lang={contentLang()}>{state.expandedWith.join(', ')}</span>
            </p>
          </Show>
        </Match>
      </Switch>
    </div>
  );
}

/** `/recherche?q&type&espace`: one search over the platform, only what the reader may read. */
export default function SearchPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const request = createMemo(() => requestFromParams(params), EMPTY_REQUEST, { equals: sameRequest });
  const search = createSearch(request, session.viewerKey);
  const spaceSlug = () => request().space;
  const fetchedTitle = createSpaceTitle(spaceSlug);
  const spaceTitle = () =>
    fetchedTitle() ?? search.state.items.find((item) => item.space?.slug === spaceSlug())?.space?.title ?? spaceSlug();
  const state = search.state;
  const problemId = createUniqueId();
  const inputProblem = () =>
    state.status === 'error' && state.problem && INPUT_PROBLEMS.includes(state.problem) ? state.problem : null;

  let input: HTMLInputElement | undefined;
  let list: HTMLOListElement | undefined;

  const go = (next: SearchRequest) => navigate(searchHref(next));
  const focusResult = (index: number) => {
    const link = resultLinks(list)[index];
    link?.focus();
    return link !== undefined;
  };

  // After « Voir plus de résultats », focus moves to the first new result: keyboard and
  // screen-reader users continue where the list grew instead of starting again from the top.
  const showMore = async () => {
    const searched = request();
    const before = await search.loadMore();
    if (request() !== searched) return;
    if (state.items.length > before) focusResult(before);
  };

  return (
    <div class="page search">
      <PageHeading title={request().q ? t('search.titleFor', { q: request().q }) : t('search.title')}>
        {t('search.title')}
      </PageHeading>
      <SearchForm
        request={request()}
        problemId={inputProblem() ? problemId : undefined}
        onSearch={(q) => go({ ...request(), q })}
        onArrowDown={() => focusResult(0)}
        ref={(element) => {
          input = element;
        }}
      />
      <Show when={request().space}>
        <p class="search__scope">
          <span lang={contentLang()}>{t('search.inSpace', { title: spaceTitle() ?? '' })}</span>{' '}
          <a href={searchHref({ ...request(), space: null })}>{t('search.everywhere')}</a>
        </p>
      </Show>
      <Show when={session.status() === 'signedOut'}>
        <p class="search__signed-out muted">
          {t('search.signedOut')} <a href={signInHref(location)}>{t('search.signedOut.link')}</a>
        </p>
      </Show>
      <Show when={request().q}>
        <TypeFilters request={request()} />
      </Show>
      <section class="search__results" aria-labelledby="search-results-title">
        <h2 id="search-results-title" class="visually-hidden">
          {t('search.results')}
        </h2>
        <SearchStatus search={search} />
        <Show when={state.status === 'error' && state.problem}>
          {(problem) => (
            <SearchProblemNotice
              id={problemId}
              problem={problem()}
              request={request()}
              more={state.failedMore}
              onRetry={() => void search.retry()}
            />
          )}
        </Show>
        <Switch>
          <Match when={state.status === 'idle'}>
            <SearchHelp />
          </Match>
          <Match when={inputProblem() === 'tooShort'}>
            <SearchHelp />
          </Match>
          <Match when={state.status === 'ready' && state.items.length === 0}>
            <NoResults request={request()} />
          </Match>
          <Match when={state.items.length > 0}>
            <ResultList
              results={state.items}
              busy={state.status === 'loading'}
              ref={(element) => {
                list = element;
              }}
              onLeaveTop={() => input?.focus()}
            />
            <Show when={state.nextCursor && !(state.status === 'error' && state.failedMore)}>
              <p class="search__more">
                <button
                  type="button"
                  class="button button--secondary"
                  aria-disabled={state.status === 'loadingMore' || undefined}
                  aria-busy={state.status === 'loadingMore' || undefined}
                  onClick={() => void showMore()}
                >
                  <Show when={state.status === 'loadingMore'} fallback={t('search.more')}>
                    <span class="spinner" aria-hidden="true" />
                    {t('common.loading')}
                  </Show>
                </button>
              </p>
            </Show>
          </Match>
        </Switch>
      </section>
    </div>
  );
}
