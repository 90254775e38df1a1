import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it('follows paths of this site', () => {
    expect(safeReturnPath('/profil', '/')).toBe('/profil');
    expect(safeReturnPath('/espaces/mise-en-recits?onglet=2', '/')).toBe('/espaces/mise-en-recits?onglet=2');
  });

  it('refuses other sites and odd values', () => {
    for (const value of ['https://evil.example', '//evil.example', '/\\evil.example', 'profil', undefined, ['/a']]) {
      expect(safeReturnPath(value, '/profil')).toBe('/profil');
    }
  });
});
