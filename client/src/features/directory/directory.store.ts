import {
  type DirectoryFilters,
  type DirectoryOrganisation,
  DirectoryOrganisationsSchema,
  DirectoryPeopleSchema,
  type DirectoryPerson,
  FANTASTIC_ROLES,
  type FantasticRole,
  ORGANISATION_KINDS,
  type OrganisationKind,
} from '@atelier/contract';
import { type Accessor, createEffect, on, onCleanup } from 'solid-js';
import { createStore } from 'solid-js/store';
import { api, type Parser } from '../../lib/api';

/**
 * The directory store: the filters as the form and the address bar hold them, one list of
 * people that grows page by page ("Afficher plus"), and the organisations. Filters live in the
 * URL (`/annuaire?theme=mobilité`) so that a search can be shared, bookmarked and undone with
 * the browser's Back button.
 */

/** The form's values: text as typed, '' for "any". */
export interface FilterDraft {
  q: string;
  organisationKind: OrganisationKind | '';
  territory: string;
  fantasticRole: FantasticRole | '';
  theme: string;
}

export const EMPTY_FILTERS: FilterDraft = { q: '', organisationKind: '', territory: '', fantasticRole: '', theme: '' };

/** Same limits as the contract, so that the form cannot send what the server refuses. */
export const FILTER_MAX = { q: 200, territory: 160, theme: 60 } as const;

export type DirectoryView = 'personnes' | 'organisations';

/** French names in the address bar, as people read and share it. */
const URL_KEYS: Record<keyof FilterDraft, string> = {
  q: 'q',
  organisationKind: 'type',
  territory: 'territoire',
  fantasticRole: 'role',
  theme: 'theme',
};

type SearchParams = Partial<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';
const isKind = (value: string): value is OrganisationKind => Object.hasOwn(ORGANISATION_KINDS, value);
const isRole = (value: string): value is FantasticRole => Object.hasOwn(FANTASTIC_ROLES, value);
const clip = (value: string, max: number) =>
  value
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim()
    .slice(0, max);

/** Filters from the address bar; anything the server would refuse (unknown kind…) is dropped. */
export function filtersFromSearch(params: SearchParams): FilterDraft {
  const kind = first(params[URL_KEYS.organisationKind]);
  const role = first(params[URL_KEYS.fantasticRole]);
  return {
    q: clip(first(params[URL_KEYS.q]), FILTER_MAX.q),
    organisationKind: isKind(kind) ? kind : '',
    territory: clip(first(params[URL_KEYS.territory]), FILTER_MAX.territory),
    fantasticRole: isRole(role) ? role : '',
    theme: clip(first(params[URL_KEYS.theme]), FILTER_MAX.theme),
  };
}

/** The address bar's parameters for these filters; blank ones are removed (undefined). */
export function searchFromFilters(filters: FilterDraft): Record<string, string | undefined> {
  const search: Record<string, string | undefined> = {};
  for (const key of Object.keys(URL_KEYS) as (keyof FilterDraft)[]) {
    search[URL_KEYS[key]] = filters[key].trim() || undefined;
  }
  return search;
}

export const viewFromSearch = (params: SearchParams): DirectoryView =>
  first(params.vue) === 'organisations' ? 'organisations' : 'personnes';

/** The API's query string: only the filters that are set. */
export function apiQuery(filters: FilterDraft, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  const api: DirectoryFilters = {};
  if (filters.q.trim()) api.q = filters.q.trim();
  if (filters.organisationKind) api.organisationKind = filters.organisationKind;
  if (filters.territory.trim()) api.territory = filters.territory.trim();
  if (filters.fantasticRole) api.fantasticRole = filters.fantasticRole;
  if (filters.theme.trim()) api.theme = filters.theme.trim();
  for (const [key, value] of Object.entries({ ...api, ...extra })) query.set(key, value);
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const hasFilters = (filters: FilterDraft) => apiQuery(filters) !== '';

export const activeFilterCount = (filters: FilterDraft) =>
  (Object.keys(URL_KEYS) as (keyof FilterDraft)[]).filter((key) => filters[key].trim() !== '').length;

export const sameFilters = (a: FilterDraft, b: FilterDraft) =>
  (Object.keys(URL_KEYS) as (keyof FilterDraft)[]).every((key) => a[key] === b[key]);

interface SearchState<T> {
  items: T[];
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'ready' | 'loadingMore' | 'error';
  error: unknown;
}

/**
 * One list of the directory matching the filters, growing page by page ("Afficher plus"),
 * fetched once `wanted` (its tab was opened). A change of filters starts again from the first
 * page and cancels what was still on its way, so a slow answer to an old search never lands on
 * top of the new one. A plain store rather than a resource: a resource read while loading would
 * suspend the whole page.
 */
function createPagedSearch<T>(
  path: string,
  schema: Parser<{ items: T[]; nextCursor: string | null }>,
  filters: Accessor<FilterDraft>,
  wanted: Accessor<boolean> = () => true,
) {
  const [state, setState] = createStore<SearchState<T>>({ items: [], nextCursor: null, status: 'idle', error: null });
  let controller: AbortController | null = null;
  let lastCursor: string | null = null;

  const fetchPage = async (cursor: string | null) => {
    controller?.abort();
    lastCursor = cursor;
    const current = new AbortController();
    controller = current;
    setState({ status: cursor ? 'loadingMore' : 'loading', error: null });
    try {
      const page = await api.get(`${path}${apiQuery(filters(), cursor ? { cursor } : {})}`, schema, current.signal);
      if (current.signal.aborted) return;
      setState((previous) => ({
        items: cursor ? [...previous.items, ...page.items] : page.items,
        nextCursor: page.nextCursor,
        status: 'ready',
      }));
    } catch (error) {
      if (current.signal.aborted) return;
      // A failed next page keeps what is shown; a failed new search must not show the old one.
      setState(cursor ? { status: 'error', error } : { status: 'error', error, items: [], nextCursor: null });
    }
  };

  createEffect(
    on([filters, wanted], ([, isWanted]) => {
      if (isWanted) void fetchPage(null);
    }),
  );
  onCleanup(() => controller?.abort());

  return {
    state,
    /** Appends the next page; returns how many entries were shown before it. */
    loadMore: async () => {
      const before = state.items.length;
      const busy = state.status === 'loading' || state.status === 'loadingMore';
      if (state.nextCursor && !busy) await fetchPage(state.nextCursor);
      return before;
    },
    /** Asks again for the page that failed. */
    retry: () => void fetchPage(lastCursor),
  };
}

export type DirectorySearch<T> = ReturnType<typeof createPagedSearch<T>>;

/** People matching the filters. */
export const createPeopleSearch = (filters: Accessor<FilterDraft>): DirectorySearch<DirectoryPerson> =>
  createPagedSearch('/api/directory/people', DirectoryPeopleSchema, filters);

/** Organisations matching the filters, fetched only once their tab has been opened. */
export const createOrganisationSearch = (
  filters: Accessor<FilterDraft>,
  wanted: Accessor<boolean>,
): DirectorySearch<DirectoryOrganisation> =>
  createPagedSearch('/api/directory/organisations', DirectoryOrganisationsSchema, filters, wanted);
