import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInHref } from './return-path';

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

describe('signInHref', () => {
  it('comes back to the page one signed in from, but not to the home page or an account page', () => {
    expect(signInHref({ pathname: '/espaces/chantier/fils/1', search: '?x=1' })).toBe(
      '/connexion?retour=%2Fespaces%2Fchantier%2Ffils%2F1%3Fx%3D1',
    );
    expect(signInHref({ pathname: '/', search: '' })).toBe('/connexion');
    expect(signInHref({ pathname: '/connexion', search: '?retour=%2Fagenda' })).toBe('/connexion');
  });
});
