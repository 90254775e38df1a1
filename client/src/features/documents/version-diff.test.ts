import { describe, expect, it } from 'vitest';
import { diffVersions, isUnchanged, normalizeText } from './version-diff';

describe('comparing a version with the current text', () => {
  it('marks added and removed words and keeps the rest', () => {
    const diff = diffVersions('Nous plantons des haies en mars.', 'Nous plantons des arbres fruitiers en mars.');
    expect(diff.parts.filter((part) => part.kind === 'removed').map((part) => part.text.trim())).toEqual(['haies']);
    expect(diff.parts.filter((part) => part.kind === 'added').map((part) => part.text.trim())).toEqual([
      'arbres fruitiers',
    ]);
    expect(diff.addedWords).toBe(2);
    expect(diff.removedWords).toBe(1);
    // Reading the "same" and "added" parts gives the current text back.
    const current = diff.parts
      .filter((part) => part.kind !== 'removed')
      .map((part) => part.text)
      .join('');
    expect(current).toBe('Nous plantons des arbres fruitiers en mars.');
  });

  it('reads the old text back from the "same" and "removed" parts', () => {
    const before = 'Premier paragraphe.\nDeuxième paragraphe, validé.';
    const diff = diffVersions(before, 'Premier paragraphe.\nTroisième idée.');
    const old = diff.parts
      .filter((part) => part.kind !== 'added')
      .map((part) => part.text)
      .join('');
    expect(old).toBe(before);
  });

  it('ignores how blocks are separated (blank lines, trailing spaces)', () => {
    const diff = diffVersions('Titre\n\nUn texte.  \n\n', 'Titre\nUn texte.');
    expect(isUnchanged(diff)).toBe(true);
    expect(diff.addedWords + diff.removedWords).toBe(0);
  });

  it('sees a whole new paragraph as added', () => {
    const diff = diffVersions('Compte rendu', 'Compte rendu\n\nVersion validée en chantier');
    expect(isUnchanged(diff)).toBe(false);
    expect(diff.addedWords).toBe(4);
    expect(diff.removedWords).toBe(0);
  });

  it('normalises line endings and blank lines', () => {
    expect(normalizeText('a\r\n\r\n\r\nb \n')).toBe('a\nb');
  });
});
