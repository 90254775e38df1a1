import { SEARCH_PAGE_SIZE, type SearchQuery, type SearchResults } from '@atelier/contract';
import { z } from 'zod';
import { authorize } from '../../core/authorize';
import { decodeCursor, pageOf } from '../../core/cursors';
import type { Db } from '../../db/database';
import { type Actor, canListSpace } from '../../policy/policy';
import { searchScope } from '../../policy/search.policy';
import { loadSpaceContext } from '../spaces/spaces.access';
import { toSearchResult } from './search.content';
import { searchEntries } from './search.queries';
import { parseSearch } from './search-query';

export interface SearchDeps {
  db: Db;
}

const CursorSchema = z.object({ rank: z.number().finite(), at: z.iso.datetime({ offset: true }), id: z.uuid() });

/**
 * `GET /search`: the words parsed (phrases, exclusions, glossary), the scope from the policy,
 * one page of what the actor may read. Narrowed to a space, the space must be one the actor
 * may know of (404 otherwise, as everywhere).
 */
export async function search(deps: SearchDeps, input: { actor: Actor; query: SearchQuery }): Promise<SearchResults> {
  const { actor, query } = input;
  const parsed = parseSearch(query.q);
  const cursor = decodeCursor(query.cursor, CursorSchema);
  let spaceId: string | undefined;
  if (query.space) {
    const context = await loadSpaceContext(deps.db, { slug: query.space }, actor);
    authorize(context, canListSpace(actor, context.facts, context.membership));
    spaceId = context.space.id;
  }
  const rows = await searchEntries(deps.db, {
    parsed,
    scope: searchScope(actor),
    type: query.type,
    spaceId,
    cursor,
    limit: SEARCH_PAGE_SIZE + 1,
  });
  const page = pageOf(rows, SEARCH_PAGE_SIZE, (last) => ({
    rank: last.rank,
    at: new Date(last.at).toISOString(),
    id: last.ref_id,
  }));
  return { items: page.rows.map(toSearchResult), nextCursor: page.nextCursor, expandedWith: parsed.expandedWith };
}
