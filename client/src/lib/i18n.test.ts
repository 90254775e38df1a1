import { describe, expect, it } from 'vitest';
import { interpolate, loadCatalogue, translate } from './i18n';
import { en } from './messages/en';
import { fr, type MessageKey } from './messages/fr';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('message catalogues', () => {
  it('have exactly the same keys in French and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it('have no empty message', () => {
    for (const [key, text] of [...Object.entries(fr), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(fr) as MessageKey[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
  });

  it('give every plural form its pair', () => {
    for (const key of Object.keys(fr)) {
      if (key.endsWith('.one')) expect(fr, key).toHaveProperty(key.replace(/\.one$/, '.other'));
    }
  });
});

describe('translate', () => {
  it('fills placeholders in the chosen language', async () => {
    await loadCatalogue('en');
    expect(translate('fr', 'home.cta.welcomeBack', { name: 'Camille' })).toBe('Bonjour Camille !');
    expect(translate('en', 'home.cta.welcomeBack', { name: 'Camille' })).toBe('Hello Camille!');
  });

  it('keeps unknown placeholders visible', () => {
    expect(interpolate('{a} et {b}', { a: 1 })).toBe('1 et {b}');
  });

  it('writes the sign-in error the alliance asked for', () => {
    expect(translate('fr', 'signIn.invalidCredentials')).toBe('Adresse ou mot de passe incorrect.');
    expect(translate('fr', 'mailLink.invalid')).toBe('Ce lien a expiré ou a déjà servi.');
  });
});
