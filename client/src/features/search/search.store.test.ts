import type { SearchResult, SearchResults } from '@atelier/contract';
import { createRoot, createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import {
  createSearch,
  type FetchSearchPage,
  INITIAL_STATE,
  problemOf,
  queryProblem,
  resultTarget,
  searchApiPath,
  withPage,
} from './search.store';
import { guardExcerpt } from './search-excerpt';
import {
  EMPTY_REQUEST,
  paramsFromRequest,
  requestFromParams,
  type SearchRequest,
  searchHref,
  spaceOfPath,
} from './search-url';

describe('guardExcerpt, before innerHTML', () => {
  it('keeps exactly <mark> and </mark>', () => {
    expect(guardExcerpt('les <mark>réseaux</mark> de <mark>chaleur</mark>')).toBe(
      'les <mark>réseaux</mark> de <mark>chaleur</mark>',
    );
  });

  it('escapes every other tag, and a <mark> with attributes', () => {
    expect(guardExcerpt('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(guardExcerpt('<mark onclick=x>a</mark>')).toBe('&lt;mark onclick=x&gt;a');
    expect(guardExcerpt('<MARK>a</MARK> <mark >b</mark >')).toBe(
      '&lt;MARK&gt;a&lt;/MARK&gt; &lt;mark &gt;b&lt;/mark &gt;',
    );
    expect(guardExcerpt('<script>alert(1)</script><svg/onload=alert(1)>')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;svg/onload=alert(1)&gt;',
    );
    expect(guardExcerpt('<a href="javascript:alert(1)">x</a>')).toBe(
      '&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;',
    );
  });

  it('cannot be fooled by entities: what the server escaped stays text', () => {
    expect(guardExcerpt('&lt;img src=x onerror=alert(1)&gt;')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(guardExcerpt('&lt;mark&gt;pas une marque&lt;/mark&gt;')).toBe('&lt;mark&gt;pas une marque&lt;/mark&gt;');
    expect(guardExcerpt('&#60;script&#x3E;')).toBe('&lt;script&gt;');
    // Read back once, escaped again: no double escaping of the server's own work.
    expect(guardExcerpt('l&#39;eau &amp; le <mark>feu</mark> &quot;ici&quot;')).toBe(
      'l&#39;eau &amp; le <mark>feu</mark> &quot;ici&quot;',
    );
    expect(guardExcerpt('&amp;lt;b&amp;gt;')).toBe('&amp;lt;b&amp;gt;');
    expect(guardExcerpt('&unknown; &#0; &#xD800;')).toBe('&amp;unknown; &amp;#0; &amp;#xD800;');
  });

  it('balances the marks', () => {
    expect(guardExcerpt('<mark>ouverte')).toBe('<mark>ouverte</mark>');
    expect(guardExcerpt('fermée</mark> seule')).toBe('fermée seule');
    expect(guardExcerpt('<mark><mark>deux</mark></mark>')).toBe('<mark>deux</mark>');
  });

  it('leaves nothing a parser would read as markup besides the marks', () => {
    const hostile = [
      '<img src=x onerror=alert(1)>',
      '<mark onclick=x>',
      '"><script>',
      "'onmouseover='x",
      '<<mark>>',
      '<!--<mark>-->',
      '&lt;<mark>&gt;',
      '<mark/>',
    ];
    for (const input of hostile) {
      const safe = guardExcerpt(input);
      const withoutMarks = safe.replaceAll('<mark>', '').replaceAll('</mark>', '');
      expect(withoutMarks, input).not.toMatch(/[<>"']/);
    }
  });
});

describe('the search in the address bar', () => {
  it('reads q, type and espace, French names or the API’s', () => {
    expect(requestFromParams({ q: ' réseaux de chaleur ', type: 'discussions', espace: 'mise-en-recits' })).toEqual({
      q: 'réseaux de chaleur',
      type: 'thread',
      space: 'mise-en-recits',
    });
    expect(requestFromParams({ q: 'pcaet', type: 'event' })).toEqual({ q: 'pcaet', type: 'event', space: null });
    expect(requestFromParams({})).toEqual(EMPTY_REQUEST);
  });

  it('drops what the server would refuse, and cleans the query', () => {
    expect(requestFromParams({ type: 'toString', espace: '../admin' })).toEqual(EMPTY_REQUEST);
    expect(requestFromParams({ q: ['un', 'deux'], espace: ['a-b', 'c'] })).toMatchObject({ q: 'un', space: 'a-b' });
    expect(requestFromParams({ q: 'ligne\nsuivante\u0000' }).q).toBe('ligne suivante');
    expect(requestFromParams({ q: 'x'.repeat(500) }).q).toHaveLength(200);
  });

  it('writes French names, only what is set, and round-trips', () => {
    const request: SearchRequest = { q: 'réseau "de chaleur" -gaz', type: 'person', space: 'alimentation' };
    expect(paramsFromRequest(request)).toEqual({ q: request.q, type: 'personnes', espace: 'alimentation' });
    expect(paramsFromRequest(EMPTY_REQUEST)).toEqual({ q: undefined, type: undefined, espace: undefined });
    const href = searchHref(request);
    expect(href).toBe('/recherche?q=r%C3%A9seau+%22de+chaleur%22+-gaz&type=personnes&espace=alimentation');
    const back = Object.fromEntries(new URL(href, 'http://localhost').searchParams);
    expect(requestFromParams(back)).toEqual(request);
    expect(searchHref({})).toBe('/recherche');
  });

  it('asks the API with its own names', () => {
    expect(searchApiPath({ q: 'pcaet', type: 'thread', space: 'mise-en-recits' }, 'abc_12-')).toBe(
      '/api/search?q=pcaet&type=thread&space=mise-en-recits&cursor=abc_12-',
    );
    expect(searchApiPath({ q: 'a&b=c', type: null, space: null })).toBe('/api/search?q=a%26b%3Dc');
  });

  it('knows the space a page belongs to', () => {
    expect(spaceOfPath('/espaces/mise-en-recits')).toBe('mise-en-recits');
    expect(spaceOfPath('/espaces/mise-en-recits/fils/123')).toBe('mise-en-recits');
    expect(spaceOfPath('/espaces/nouveau')).toBeNull();
    expect(spaceOfPath('/espaces')).toBeNull();
    expect(spaceOfPath('/mes-espaces')).toBeNull();
    expect(spaceOfPath('/espaces/%3Cscript%3E')).toBeNull();
  });
});

describe('problems, in words the page can say', () => {
  it('checks the query as the contract does before asking', () => {
    expect(queryProblem('a')).toBe('tooShort');
    expect(queryProblem('  a  ')).toBe('tooShort');
    expect(queryProblem('ab')).toBeNull();
    expect(queryProblem('x'.repeat(201))).toBe('tooLong');
    expect(queryProblem('a\tb')).toBe('control');
  });

  it('reads the server’s 400, 404 and the network', () => {
    const invalid = (details: Record<string, string[]>) => new ApiError('invalid_input', 400, 'invalid', details);
    expect(problemOf(invalid({ 'querystring.q': ['Too small: expected string to have >=2 characters'] }))).toBe(
      'tooShort',
    );
    expect(problemOf(invalid({ 'querystring.q': ['Too big: expected string to have <=200 characters'] }))).toBe(
      'tooLong',
    );
    expect(problemOf(invalid({ 'querystring.q': ['control characters are not allowed'] }))).toBe('control');
    expect(problemOf(invalid({ 'querystring.space': ['not a space slug'] }))).toBe('badSpace');
    expect(problemOf(invalid({ 'querystring.cursor': ['not a cursor'] }))).toBe('other');
    expect(problemOf(new ApiError('not_found', 404, 'no such space'))).toBe('spaceNotFound');
    expect(problemOf(new ApiError('network_error', 0, 'unreachable'))).toBe('network');
    expect(problemOf(new ApiError('rate_limited', 429, 'slow down'))).toBe('rateLimited');
    expect(problemOf(new Error('boom'))).toBe('other');
  });
});

describe('resultTarget', () => {
  it('follows paths of the site, files as downloads, shared links to http(s) only', () => {
    expect(resultTarget({ type: 'thread', url: '/espaces/a/fils/1' })).toEqual({
      kind: 'page',
      href: '/espaces/a/fils/1',
    });
    expect(resultTarget({ type: 'file', url: '/api/files/9/download' })).toEqual({
      kind: 'download',
      href: '/api/files/9/download',
    });
    expect(resultTarget({ type: 'link', url: 'https://exemple.fr/a' })).toEqual({
      kind: 'external',
      href: 'https://exemple.fr/a',
    });
    expect(resultTarget({ type: 'link', url: 'javascript:alert(1)' })).toBeNull();
    expect(resultTarget({ type: 'link', url: 'data:text/html,x' })).toBeNull();
    expect(resultTarget({ type: 'thread', url: 'https://ailleurs.example/' })).toBeNull();
    expect(resultTarget({ type: 'thread', url: '//ailleurs.example/' })).toBeNull();
    expect(resultTarget({ type: 'thread', url: '/\\ailleurs.example/' })).toBeNull();
  });
});

const result = (id: string, type: SearchResult['type'] = 'post'): SearchResult => ({
  type,
  id,
  title: `Résultat ${id}`,
  excerpt: `<mark>${id}</mark>`,
  url: `/espaces/a/fils/${id}`,
  at: '2026-03-12T09:05:00+01:00',
});
const page = (ids: string[], nextCursor: string | null, expandedWith: string[] = []): SearchResults => ({
  items: ids.map((id) => result(id)),
  nextCursor,
  expandedWith,
});

describe('pages of results', () => {
  it('a first page replaces, a next page appends, once each', () => {
    const first = withPage({ ...INITIAL_STATE, items: [result('old')] }, page(['1', '2'], 'c1', ['PCAET']), false);
    expect(first.items.map((item) => item.id)).toEqual(['1', '2']);
    expect(first).toMatchObject({ nextCursor: 'c1', expandedWith: ['PCAET'], status: 'ready' });
    const second = withPage(first, page(['2', '3'], null), true);
    expect(second.items.map((item) => item.id)).toEqual(['1', '2', '3']);
    expect(second).toMatchObject({ nextCursor: null, expandedWith: ['PCAET'] });
  });
});

/** A server stand-in: each request waits for the test to answer it. */
function fakeServer() {
  const asked: {
    path: string;
    signal: AbortSignal;
    answer: (page: SearchResults) => void;
    fail: (e: unknown) => void;
  }[] = [];
  const fetchPage: FetchSearchPage = (path, signal) =>
    new Promise((resolve, reject) => asked.push({ path, signal, answer: resolve, fail: reject }));
  return { asked, fetchPage };
}
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createSearch', () => {
  it('searches when the address changes, appends the next page with its cursor', async () => {
    const server = fakeServer();
    const [request, setRequest] = createSignal<SearchRequest>(EMPTY_REQUEST);
    const { search, dispose } = createRoot((dispose) => ({
      search: createSearch(request, () => 0, server.fetchPage),
      dispose,
    }));
    expect(search.state.status).toBe('idle');
    expect(server.asked).toHaveLength(0);

    setRequest({ q: 'chaleur', type: null, space: 'mise-en-recits' });
    expect(search.state.status).toBe('loading');
    expect(server.asked[0]?.path).toBe('/api/search?q=chaleur&space=mise-en-recits');
    server.asked[0]?.answer(page(['1', '2'], 'next_1', ['PCAET']));
    await flush();
    expect(search.state.items.map((item) => item.id)).toEqual(['1', '2']);
    expect(search.state.expandedWith).toEqual(['PCAET']);

    const more = search.loadMore();
    expect(search.state.status).toBe('loadingMore');
    expect(server.asked[1]?.path).toBe('/api/search?q=chaleur&space=mise-en-recits&cursor=next_1');
    server.asked[1]?.answer(page(['3'], null));
    expect(await more).toBe(2);
    expect(search.state.items.map((item) => item.id)).toEqual(['1', '2', '3']);
    expect(search.state.nextCursor).toBeNull();
    // No cursor, nothing more to ask.
    await search.loadMore();
    expect(server.asked).toHaveLength(2);
    dispose();
  });

  it('drops the answer to an old search, keeps shown results when the next page fails', async () => {
    const server = fakeServer();
    const [request, setRequest] = createSignal<SearchRequest>({ q: 'vélo', type: null, space: null });
    const { search, dispose } = createRoot((dispose) => ({
      search: createSearch(request, () => 0, server.fetchPage),
      dispose,
    }));
    setRequest({ q: 'vélo', type: 'event', space: null });
    expect(server.asked[0]?.signal.aborted).toBe(true);
    server.asked[0]?.answer(page(['ancien'], null));
    server.asked[1]?.answer(page(['a', 'b'], 'c'));
    await flush();
    expect(search.state.items.map((item) => item.id)).toEqual(['a', 'b']);

    const more = search.loadMore();
    server.asked[2]?.fail(new ApiError('network_error', 0, 'unreachable'));
    await more;
    expect(search.state).toMatchObject({ status: 'error', problem: 'network', failedMore: true });
    expect(search.state.items).toHaveLength(2);

    void search.retry();
    expect(server.asked[3]?.path).toBe('/api/search?q=v%C3%A9lo&type=event&cursor=c');
    server.asked[3]?.answer(page(['c'], null));
    await flush();
    expect(search.state.items.map((item) => item.id)).toEqual(['a', 'b', 'c']);
    dispose();
  });

  it('does not ask the server for a query it would refuse', () => {
    const server = fakeServer();
    const [request] = createSignal<SearchRequest>({ q: 'a', type: null, space: null });
    const { search, dispose } = createRoot((dispose) => ({
      search: createSearch(request, () => 0, server.fetchPage),
      dispose,
    }));
    expect(search.state).toMatchObject({ status: 'error', problem: 'tooShort' });
    expect(server.asked).toHaveLength(0);
    dispose();
  });
});
