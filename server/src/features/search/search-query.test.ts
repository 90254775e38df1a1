import { describe, expect, it } from 'vitest';
import { parseSearch } from './search-query';

describe('parseSearch', () => {
  it('requires every word, keeps phrases whole and leaves out -words', () => {
    expect(parseSearch('reseau "réseau de chaleur" -bois -"bois énergie"')).toEqual({
      groups: [['réseau de chaleur'], ['reseau']],
      excluded: ['bois', 'bois énergie'],
      expandedWith: [],
      words: 'réseau de chaleur reseau',
    });
  });

  it('finds a glossary phrase among the words, and its acronym for it, accents and case ignored', () => {
    const parsed = parseSearch('Plan Climat reseau');
    expect(parsed.groups[0]).toEqual([
      'Plan Climat',
      'PCAET',
      'plan climat-air-énergie territorial',
      'PCET',
      'plan climat-énergie territorial',
    ]);
    expect(parsed.groups[1]).toEqual(['reseau']);
    expect(parsed.expandedWith).toContain('PCAET');
  });

  it('finds the expansion for an acronym, the longest phrase first', () => {
    expect(parseSearch('pcaet').groups).toEqual([
      ['pcaet', 'plan climat-air-énergie territorial', 'plan climat', 'PCET', 'plan climat-énergie territorial'],
    ]);
    expect(parseSearch('zero artificialisation nette').groups).toEqual([
      ['zero artificialisation nette', 'ZAN', 'sobriété foncière'],
    ]);
    expect(parseSearch('PLU intercommunal').groups[0]?.[1]).toBe('PLUi');
  });

  it('looks for inclusive writing in both forms', () => {
    expect(parseSearch('acteur·ices').groups).toEqual([['acteur', 'actrices']]);
    expect(parseSearch('animateur·trice').groups).toEqual([['animateur', 'animatrice']]);
    expect(parseSearch('élu·e·s').groups).toEqual([['élu', 'élues']]);
    expect(parseSearch('agent.es').groups).toEqual([['agent', 'agentes']]);
  });

  it('passes tsquery syntax and SQL-looking text through as words, never as operators', () => {
    const parsed = parseSearch(`a&b|!c:* (d) '; drop table posts; --`);
    expect(parsed.groups.flat()).toEqual(['a&b|!c:*', '(d)', "';", 'drop', 'table', 'posts;']);
    expect(parsed.excluded).toEqual([]);
  });

  it('drops invisible characters and composes accents', () => {
    expect(parseSearch('re\u0301seau\u200b\u202e').groups).toEqual([['réseau']]);
  });

  it('refuses a search with nothing to find', () => {
    expect(() => parseSearch('-bois -"forêt"')).toThrow(/at least one word/);
    expect(() => parseSearch('"" -')).toThrow(/at least one word/);
  });
});
