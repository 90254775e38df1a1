import { type SearchResult, type SearchResults, SearchResultsSchema } from '@atelier/contract';
import { type Accessor, createEffect, createSignal, on, onCleanup } from 'solid-js';
import { createStore } from 'solid-js/store';
import { ApiError, api } from '../../lib/api';
import { spaceApi } from '../spaces/space.store';
import { QUERY_MAX, QUERY_MIN, type SearchRequest } from './search-url';

/**
 * The search page's store: one list of results for the search in the address bar, growing page
 * by page ("Voir plus de résultats", keyset: the server's `nextCursor`), and what went wrong in
 * words the page can say. A new search starts again from the first page and cancels what was
 * still on its way, so a slow answer to an old search never lands on top of the new one.
 */

/** What stops a search, each with its own message on the page. */
export type SearchProblem =
  | 'tooShort'
  | 'tooLong'
  | 'control'
  | 'badSpace'
  | 'spaceNotFound'
  | 'network'
  | 'rateLimited'
  | 'other';

/** Problems of the query itself: the reader fixes them by typing, there is nothing to retry. */
export const INPUT_PROBLEMS: readonly SearchProblem[] = ['tooShort', 'tooLong', 'control', 'badSpace', 'spaceNotFound'];

/** The same rules as the contract, checked before asking: a query the server would refuse is not sent. */
export function queryProblem(q: string): SearchProblem | null {
  if (/[\u0000-\u001f\u007f]/.test(q)) return 'control';
  const trimmed = q.trim();
  if (trimmed.length < QUERY_MIN) return 'tooShort';
  if (trimmed.length > QUERY_MAX) return 'tooLong';
  return null;
}

/**
 * A failed request, as the page explains it. The 400's details name the parameter and carry
 * zod's words (`querystring.q`: "Too small: expected string to have >=2 characters"); they are
 * read to pick a French sentence, never shown as they are.
 */
export function problemOf(error: unknown): SearchProblem {
  if (!(error instanceof ApiError)) return 'other';
  if (error.code === 'network_error') return 'network';
  if (error.code === 'rate_limited') return 'rateLimited';
  if (error.status === 404) return 'spaceNotFound';
  if (error.code !== 'invalid_input') return 'other';
  for (const [path, messages] of Object.entries(error.details)) {
    const field = path.split('.').at(-1);
    const text = messages.join(' ');
    if (field === 'space') return 'badSpace';
    if (field !== 'q') continue;
    if (/control/i.test(text)) return 'control';
    if (/big|<=|at most|max/i.test(text)) return 'tooLong';
    return 'tooShort';
  }
  return 'other';
}

/** `/api/search?…`: the API's own parameter names (`space`, not the address bar's `espace`). */
export function searchApiPath(request: SearchRequest, cursor: string | null = null): string {
  const query = new URLSearchParams({ q: request.q });
  if (request.type) query.set('type', request.type);
  if (request.space) query.set('space', request.space);
  if (cursor) query.set('cursor', cursor);
  return `/api/search?${query}`;
}

export interface SearchState {
  items: SearchResult[];
  nextCursor: string | null;
  expandedWith: string[];
  /** `idle`: no query yet (the page shows the help). */
  status: 'idle' | 'loading' | 'ready' | 'loadingMore' | 'error';
  problem: SearchProblem | null;
  /** Whether the failure was the next page's: what was shown stays. */
  failedMore: boolean;
}

export const INITIAL_STATE: SearchState = {
  items: [],
  nextCursor: null,
  expandedWith: [],
  status: 'idle',
  problem: null,
  failedMore: false,
};

/**
 * The state once a page has arrived: a first page replaces, a next page appends. The server's
 * keyset never repeats a result, but an item changed between two pages could: shown once.
 */
export function withPage(state: SearchState, page: SearchResults, appended: boolean): SearchState {
  const items = appended ? [...state.items] : [];
  const seen = new Set(items.map((item) => `${item.type}:${item.id}`));
  for (const item of page.items) {
    const key = `${item.type}:${item.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return {
    items,
    nextCursor: page.nextCursor,
    expandedWith: appended && page.expandedWith.length === 0 ? state.expandedWith : page.expandedWith,
    status: 'ready',
    problem: null,
    failedMore: false,
  };
}

/** How a result's title links to it. */
export type ResultTarget =
  | { kind: 'page'; href: string }
  /** A file: the API answers with the file itself, which the router must leave to the browser. */
  | { kind: 'download'; href: string }
  /** A shared link: another site, opened in a new tab without telling it where the reader came from. */
  | { kind: 'external'; href: string };

/**
 * The link of a result, or null for an address the client will not follow: only paths of this
 * site and, for shared links, http(s) addresses (never `javascript:`, `data:` or `//host`).
 */
export function resultTarget(result: Pick<SearchResult, 'type' | 'url'>): ResultTarget | null {
  const url = result.url.trim();
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) {
    return { kind: url.startsWith('/api/') ? 'download' : 'page', href: url };
  }
  if (result.type !== 'link') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? { kind: 'external', href: parsed.href } : null;
  } catch {
    return null;
  }
}

export type FetchSearchPage = (path: string, signal: AbortSignal) => Promise<SearchResults>;

const fetchFromApi: FetchSearchPage = (path, signal) => api.get(path, SearchResultsSchema, signal);

/**
 * The results of `request()`, fetched again when it changes or when `viewer()` does (what one
 * may read depends on who asks). A plain store rather than a resource: a resource read while
 * loading would suspend the whole page, search field included.
 */
export function createSearch(
  request: Accessor<SearchRequest>,
  viewer: Accessor<unknown> = () => null,
  fetchPage: FetchSearchPage = fetchFromApi,
) {
  const [state, setState] = createStore<SearchState>({ ...INITIAL_STATE });
  let controller: AbortController | null = null;
  let lastCursor: string | null = null;

  const load = async (cursor: string | null) => {
    controller?.abort();
    controller = null;
    lastCursor = cursor;
    const wanted = request();
    if (!wanted.q) {
      setState({ ...INITIAL_STATE });
      return;
    }
    const invalid = queryProblem(wanted.q);
    if (invalid) {
      setState({ ...INITIAL_STATE, status: 'error', problem: invalid });
      return;
    }
    const current = new AbortController();
    controller = current;
    setState({ status: cursor ? 'loadingMore' : 'loading', problem: null, failedMore: false });
    try {
      const page = await fetchPage(searchApiPath(wanted, cursor), current.signal);
      if (current.signal.aborted) return;
      setState((previous) => withPage(previous, page, cursor !== null));
    } catch (error) {
      if (current.signal.aborted) return;
      const problem = problemOf(error);
      // A failed next page keeps what is shown; a failed new search must not show the old one.
      setState(
        cursor
          ? { status: 'error', problem, failedMore: true }
          : { ...INITIAL_STATE, status: 'error', problem, failedMore: false },
      );
    }
  };

  createEffect(on([request, viewer], () => void load(null)));
  onCleanup(() => controller?.abort());

  return {
    state,
    /** Appends the next page; resolves with how many results were shown before it. */
    loadMore: async () => {
      const before = state.items.length;
      const busy = state.status === 'loading' || state.status === 'loadingMore';
      if (state.nextCursor && !busy) await load(state.nextCursor);
      return before;
    },
    /** Asks again for the page that failed (the first, or the next). */
    retry: () => load(lastCursor),
  };
}

export type Search = ReturnType<typeof createSearch>;

/**
 * The title of the space a search is limited to, for « Dans l'espace … »: null while unknown
 * (the page shows the slug meanwhile). A space one may not see is the search's own 404.
 */
export function createSpaceTitle(slug: Accessor<string | null>) {
  const [title, setTitle] = createSignal<string | null>(null);
  createEffect(
    on(slug, (value) => {
      setTitle(null);
      if (!value) return;
      let current = true;
      onCleanup(() => {
        current = false;
      });
      spaceApi.get(value).then(
        (body) => current && setTitle(body.space.title),
        () => undefined,
      );
    }),
  );
  return title;
}
