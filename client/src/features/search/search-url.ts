import type { SearchType } from '@atelier/contract';

/**
 * A search as the address bar holds it: `/recherche?q=réseaux&type=discussions&espace=mise-en-recits`.
 * French names and values, as people read and share them; the page reads them back, so a search
 * can be bookmarked, sent to someone, and undone with the Back button. Kept apart from the store
 * (no API, no schema): the header's search field, in every first download, needs only this.
 */

export const SEARCH_PATH = '/recherche';

/** Same limits as the contract (`SearchQuerySchema`), so the form cannot send what the server refuses. */
export const QUERY_MIN = 2;
export const QUERY_MAX = 200;

/** The type filters in the address bar, in the order the page lists them. */
export const TYPE_SLUGS = {
  space: 'espaces',
  thread: 'discussions',
  post: 'messages',
  document: 'documents',
  file: 'fichiers',
  link: 'liens',
  event: 'evenements',
  person: 'personnes',
  organisation: 'organisations',
} as const satisfies Record<SearchType, string>;

export const SEARCH_TYPE_ORDER = Object.keys(TYPE_SLUGS) as SearchType[];

export interface SearchRequest {
  /** As typed, control characters turned to spaces, trimmed, at most QUERY_MAX characters. */
  q: string;
  type: SearchType | null;
  /** A space's slug, or null for everywhere. */
  space: string | null;
}

export const EMPTY_REQUEST: SearchRequest = { q: '', type: null, space: null };

type SearchParams = Partial<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A French filter name (`discussions`) or the API's own (`thread`), anything else: all types. */
function typeFromSlug(value: string): SearchType | null {
  for (const type of SEARCH_TYPE_ORDER) if (value === TYPE_SLUGS[type] || value === type) return type;
  return null;
}

/**
 * Control characters would be refused whole by the server; a pasted line break is a space to
 * the reader. Longer than the limit is cut rather than refused: the address bar is not a form.
 */
export const cleanQuery = (value: string) =>
  value
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim()
    .slice(0, QUERY_MAX)
    .trim();

/** The search from the address bar; an unknown type or a malformed space is dropped. */
export function requestFromParams(params: SearchParams): SearchRequest {
  const space = first(params.espace);
  return {
    q: cleanQuery(first(params.q)),
    type: typeFromSlug(first(params.type)),
    space: space.length <= 80 && SLUG.test(space) ? space : null,
  };
}

/** The address bar's parameters of a search; what is not set is removed (undefined). */
export function paramsFromRequest(request: SearchRequest): Record<string, string | undefined> {
  return {
    q: request.q || undefined,
    type: request.type ? TYPE_SLUGS[request.type] : undefined,
    espace: request.space ?? undefined,
  };
}

/** `/recherche?…` for a search, for links ("Chercher partout") and the header's form. */
export function searchHref(request: Partial<SearchRequest>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(paramsFromRequest({ ...EMPTY_REQUEST, ...request }))) {
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `${SEARCH_PATH}?${text}` : SEARCH_PATH;
}

export const sameRequest = (a: SearchRequest, b: SearchRequest) =>
  a.q === b.q && a.type === b.type && a.space === b.space;

/** Paths under `/espaces/` that are pages of their own, not a space. */
const NOT_SPACES = new Set(['nouveau']);

/** The slug of the space a page belongs to (`/espaces/:slug…`), for « dans cet espace ». */
export function spaceOfPath(pathname: string): string | null {
  const match = /^\/espaces\/([^/?#]+)/.exec(pathname);
  const slug = match?.[1];
  return slug && SLUG.test(slug) && !NOT_SPACES.has(slug) ? slug : null;
}
