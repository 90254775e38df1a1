import { z } from 'zod';
import { IdSchema, paginated } from './common';

/**
 * `GET /api/search?q&type&space&cursor`: one search over the platform, in French first
 * (accents and inclusive writing folded, the transition glossary's acronyms and their
 * expansions found for each other), listing only what the asker may read.
 */

export const SEARCH_TYPES = [
  'space',
  'thread',
  'post',
  'document',
  'file',
  'link',
  'event',
  'person',
  'organisation',
] as const;
export const SearchTypeSchema = z.enum(SEARCH_TYPES);
export type SearchType = z.infer<typeof SearchTypeSchema>;

export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_QUERY_MAX = 200;

export const SearchQuerySchema = z.strictObject({
  /**
   * Words (all must be found, in any form: "reseau" finds "réseaux"), "a phrase in quotes",
   * `-word` to leave out. One line, no control characters; 2 to 200 characters.
   */
  q: z
    .string()
    .trim()
    .min(2)
    .max(SEARCH_QUERY_MAX)
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'control characters are not allowed'),
  type: SearchTypeSchema.optional(),
  /** A space's slug: only what is in that space. */
  space: z
    .string()
    .max(80)
    .regex(/^[a-z0-9-]+$/, 'not a space slug')
    .optional(),
  /** The `nextCursor` of the previous page, as received. */
  cursor: z
    .string()
    .max(512)
    .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor')
    .optional(),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const SearchResultSchema = z.object({
  type: SearchTypeSchema,
  id: IdSchema,
  title: z.string(),
  /** Safe HTML: the text around what was found, escaped, whose only tags are `<mark>` and `</mark>`. */
  excerpt: z.string(),
  /** Where to open it: a path of the site (`/espaces/…`), or the address of a shared link. */
  url: z.string(),
  space: z.object({ slug: z.string(), title: z.string() }).optional(),
  /** When it was written or last changed (an event: when it starts). */
  at: z.string(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const SearchResultsSchema = paginated(SearchResultSchema).extend({
  /** Glossary expansions the search also looked for ("plan climat" → "PCAET"), to show the reader. */
  expandedWith: z.array(z.string()),
});
export type SearchResults = z.infer<typeof SearchResultsSchema>;
