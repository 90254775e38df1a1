import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  it('splits addresses out of plain text', () => {
    expect(linkify('Ouvrez http://localhost:3000/connexion/lien?token=abc pour entrer.')).toEqual([
      { kind: 'text', value: 'Ouvrez ' },
      { kind: 'link', value: 'http://localhost:3000/connexion/lien?token=abc' },
      { kind: 'text', value: ' pour entrer.' },
    ]);
  });

  it('leaves final punctuation out of the link', () => {
    expect(linkify('Voir https://exemple.fr/a.')).toEqual([
      { kind: 'text', value: 'Voir ' },
      { kind: 'link', value: 'https://exemple.fr/a' },
      { kind: 'text', value: '.' },
    ]);
  });

  it('never turns markup into a link or anything else than text', () => {
    expect(linkify('<a href="javascript:alert(1)">x</a>')).toEqual([
      { kind: 'text', value: '<a href="javascript:alert(1)">x</a>' },
    ]);
  });
});
