import type { SearchResult } from '@atelier/contract';
import { escapeHtml } from '../../core/mail-content';
import { MARK_END, MARK_START, type SearchRow } from './search.queries';

const spacePath = (slug: string) => `/espaces/${encodeURIComponent(slug)}`;

/** Where a result opens: a page of the site, or a shared link's own address. */
function urlOf(row: SearchRow): string {
  const space = row.space_slug ?? '';
  switch (row.type) {
    case 'space':
      return spacePath(space);
    case 'thread':
      return `${spacePath(space)}/fils/${row.ref_id}`;
    case 'post':
      return `${spacePath(space)}/fils/${row.parent_id}#message-${row.ref_id}`;
    case 'document':
      return row.space_slug ? `${spacePath(space)}/documents/${row.ref_id}` : `/documents/${row.ref_id}`;
    case 'file':
      return `/api/files/${row.ref_id}/download`;
    case 'link':
      return row.url ?? `${spacePath(space)}?onglet=documents`;
    case 'event':
      return `/evenements/${row.ref_id}`;
    case 'person':
      return `/annuaire?q=${encodeURIComponent(row.title)}`;
    case 'organisation':
      return row.url ?? '/allie-es';
  }
}

/** The excerpt as safe HTML: everything escaped, then the matches wrapped in `<mark>`. */
export const excerptHtml = (excerpt: string) =>
  escapeHtml(excerpt.replace(/\s+/g, ' ').trim()).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');

export function toSearchResult(row: SearchRow): SearchResult {
  return {
    type: row.type,
    id: row.ref_id,
    title: row.title,
    excerpt: excerptHtml(row.excerpt),
    url: urlOf(row),
    ...(row.space_slug && row.space_title && row.type !== 'space'
      ? { space: { slug: row.space_slug, title: row.space_title } }
      : {}),
    at: new Date(row.at).toISOString(),
  };
}
