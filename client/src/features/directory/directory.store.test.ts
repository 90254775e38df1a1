import { describe, expect, it } from 'vitest';
import {
  apiQuery,
  EMPTY_FILTERS,
  filtersFromSearch,
  sameFilters,
  searchFromFilters,
  viewFromSearch,
} from './directory.store';

describe('directory filters in the address bar', () => {
  it('reads French parameter names and drops what the server would refuse', () => {
    expect(
      filtersFromSearch({ q: ' vélo ', type: 'collectivite', territoire: 'Rouen', role: 'elu', theme: 'mobilité' }),
    ).toEqual({
      q: 'vélo',
      organisationKind: 'collectivite',
      territory: 'Rouen',
      fantasticRole: 'elu',
      theme: 'mobilité',
    });
    expect(filtersFromSearch({ type: 'inconnu', role: 'toString', theme: 'x'.repeat(500) })).toEqual({
      ...EMPTY_FILTERS,
      theme: 'x'.repeat(60),
    });
    expect(filtersFromSearch({ q: ['a', 'b'], territoire: 'ligne\nsuivante' })).toMatchObject({
      q: 'a',
      territory: 'ligne suivante',
    });
  });

  it('writes only the filters that are set, and round-trips', () => {
    const filters = { ...EMPTY_FILTERS, theme: 'mobilité', fantasticRole: 'agent' as const };
    const search = searchFromFilters(filters);
    expect(search).toEqual({ q: undefined, type: undefined, territoire: undefined, role: 'agent', theme: 'mobilité' });
    const defined = Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined));
    expect(sameFilters(filtersFromSearch(defined), filters)).toBe(true);
  });

  it('knows the organisations tab, people being the default', () => {
    expect(viewFromSearch({ vue: 'organisations' })).toBe('organisations');
    expect(viewFromSearch({ vue: 'autre' })).toBe('personnes');
    expect(viewFromSearch({})).toBe('personnes');
  });
});

describe('apiQuery', () => {
  it('sends the set filters under their API names, and nothing when none is set', () => {
    expect(apiQuery(EMPTY_FILTERS)).toBe('');
    expect(apiQuery({ ...EMPTY_FILTERS, q: '  ', territory: 'Île-de-France', organisationKind: 'reseau' })).toBe(
      '?organisationKind=reseau&territory=%C3%8Ele-de-France',
    );
    expect(apiQuery({ ...EMPTY_FILTERS, theme: 'eau' }, { cursor: 'abc' })).toBe('?theme=eau&cursor=abc');
  });
});
