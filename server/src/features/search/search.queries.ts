import type { SearchType } from '@atelier/contract';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { SearchScope } from '../../policy/search.policy';
import type { ParsedSearch } from './search-query';

const CONFIG = sql`'public.french_unaccent'::regconfig`;

/** Marks `ts_headline` puts around matches: private-use characters the index strips from every text. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** Each group is one of its phrases, all groups are needed, no excluded phrase is allowed. */
function tsquery(parsed: ParsedSearch): RawBuilder<string> {
  const phrase = (text: string) => sql`phraseto_tsquery(${CONFIG}, ${text})`;
  const parts = [
    ...parsed.groups.map((group) => sql`(${sql.join(group.map(phrase), sql` || `)})`),
    ...parsed.excluded.map((text) => sql`!!${phrase(text)}`),
  ];
  return sql<string>`(${sql.join(parts, sql` && `)})`;
}

/**
 * What the scope may read, as a condition on `e` (the entry) and `s` (its space): the
 * policy's `scopeReadsSpace` and `scopeListsSpace`, row by row, in SQL.
 */
function readable(scope: SearchScope): RawBuilder<boolean> {
  const member = scope.memberId
    ? sql`exists (select 1 from memberships m
        where m.space_id = e.space_id and m.user_id = ${scope.memberId} and m.status = 'active')`
    : sql`false`;
  const spaces = scope.allSpaces
    ? sql`true`
    : sql`(e.space_id is null
        or (case when e.type = 'space' then s.visibility <> 'private' else s.visibility = 'public' end)
        or ${member})`;
  return sql<boolean>`(case when e.type = 'person' then ${scope.people} else ${spaces} end)`;
}

export interface SearchCursor {
  rank: number;
  at: string;
  id: string;
}

export interface SearchRow {
  type: SearchType;
  ref_id: string;
  parent_id: string | null;
  title: string;
  url: string | null;
  at: Date;
  rank: number;
  space_slug: string | null;
  space_title: string | null;
  excerpt: string;
}

/**
 * How many entries of each kind of match are ranked: a word found in a fifth of a million posts
 * cannot have every one of them ranked within 50 ms. The most recent body matches, every title
 * match up to this many (so an old thread whose title holds the words is still found), and
 * names close to the words make the candidates; beyond, one refines the search.
 */
const CANDIDATES = 100;

/**
 * One page of results: entries whose words match (or, for people and spaces, whose name is
 * close to the words typed: typos), that the scope may read, ranked (title above body), the
 * most recent first among equals, after the cursor. The excerpt is computed for the page only.
 */
export async function searchEntries(
  db: Db,
  input: {
    parsed: ParsedSearch;
    scope: SearchScope;
    type?: SearchType | undefined;
    spaceId?: string | undefined;
    cursor: SearchCursor | null;
    limit: number;
  },
): Promise<SearchRow[]> {
  const { parsed, scope, cursor } = input;
  const names = parsed.words;
  // Written out where it is used (not read from a CTE), so that the planner sees a constant
  // and uses the GIN index.
  const query = tsquery(parsed);
  // A name despite a typo or two: every word typed is close to a word of the name (`<%` finds
  // candidates through the trigram index at pg_trgm's loose 0.6; 0.7 keeps "Camile" for
  // "Camille" and "Dupond" for "Dupont" but not one long word for another that shares a prefix).
  const nameWords = names.split(/\s+/).filter(Boolean).slice(0, 5);
  const nearName = sql.join(
    nameWords.map(
      (word) => sql`(directory_fold(${word}) <% directory_fold(e.title)
        and word_similarity(directory_fold(${word}), directory_fold(e.title)) >= 0.7)`,
    ),
    sql` and `,
  );
  const scoped = [
    readable(scope),
    ...(input.type ? [sql`e.type = ${input.type}`] : []),
    ...(input.spaceId ? [sql`e.space_id = ${input.spaceId}`] : []),
  ];
  /** Up to CANDIDATES entries the asker may read that `match`, the most recent first. */
  // PostgreSQL estimates a phrase as many matches as its words found anywhere, and may then
  // walk the whole recency index looking for a phrase found in a few hundred entries. A quoted
  // phrase's words, required once more, make the estimate smaller and the index lookup win.
  const quoted = parsed.groups.flatMap((group) =>
    group.length === 1 && /[^\p{L}\p{N}]/u.test(group[0]?.trim() ?? '') ? group : [],
  );
  const wordsOfQuoted = quoted.map((phrase) => sql`e.vector @@ plainto_tsquery(${CONFIG}, ${phrase})`);
  const arm = (match: RawBuilder<unknown>) => sql`(select e.type, e.ref_id from search_entries e
      left join spaces s on s.id = e.space_id
      where ${match} and ${sql.join(scoped, sql` and `)}
      order by e.at desc, e.ref_id desc limit ${CANDIDATES})`;
  const after = cursor
    ? sql`where (rank, at, ref_id) < (${cursor.rank}::real, ${cursor.at}::timestamptz, ${cursor.id}::uuid)`
    : sql``;
  const { rows } = await sql<SearchRow>`
    with candidates as (
      ${arm(sql.join([sql`e.vector @@ ${query}`, ...wordsOfQuoted], sql` and `))}
      union ${arm(sql`e.title_vector @@ ${query}`)}
      union ${arm(sql`e.type in ('person', 'space') and ${nearName}`)}
    ),
    found as (
      select e.type, e.ref_id, e.parent_id, e.title, e.url, e.at, e.body, s.slug as space_slug,
        s.title as space_title,
        (ts_rank_cd(e.vector, ${query})
          + case when e.type in ('person', 'space')
              then word_similarity(directory_fold(${names}), directory_fold(e.title)) / 10 else 0 end)::real as rank
      from candidates c
      join search_entries e on e.type = c.type and e.ref_id = c.ref_id
      left join spaces s on s.id = e.space_id
      -- A post found only through its thread's title says nothing more than the thread, when
      -- the thread is found: one result, not one per post.
      where not (e.type = 'post' and not ts_filter(e.vector, '{b}') @@ ${query}
        and exists (select 1 from candidates t where t.type = 'thread' and t.ref_id = e.parent_id))
    ),
    page as (
      select * from found ${after}
      order by rank desc, at desc, ref_id desc
      limit ${input.limit}
    )
    select page.type, page.ref_id, page.parent_id, page.title, page.url, page.at, page.rank,
      page.space_slug, page.space_title,
      ts_headline(${CONFIG}, left(case when page.body = '' then page.title else page.body end, 20000), ${query},
        ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`}
      ) as excerpt
    from page
    order by page.rank desc, page.at desc, page.ref_id desc`.execute(db);
  return rows;
}
