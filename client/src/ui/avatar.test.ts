import { describe, expect, it } from 'vitest';
import { initials } from './avatar';

describe('initials', () => {
  it('takes the first letters of the first two words, whatever the spacing', () => {
    expect(initials('Camille Dupont')).toBe('CD');
    expect(initials('  élodie   de la Tour ')).toBe('ÉD');
    expect(initials('Zoé')).toBe('Z');
  });
});
