import { describe, expect, it, vi } from 'vitest';
import { t as accountsT } from '../features/accounts/accounts.i18n';
import { t as homeT } from '../features/home/home.i18n';
import { defineMessages, interpolate, loadCatalogue, locale, messagesReady, setLocale, translate } from './i18n';

type Catalogue = Record<string, string>;

/** Every catalogue of the client: `<name>.fr.ts` (a named export) beside `<name>.en.ts` (default). */
const frenchModules = import.meta.glob<Record<string, Catalogue>>('../**/*.fr.ts', { eager: true });
const englishModules = import.meta.glob<{ default: Catalogue }>('../**/*.en.ts', { eager: true });
const catalogues = Object.entries(frenchModules).map(([path, module]) => {
  const english = englishModules[path.replace(/\.fr\.ts$/, '.en.ts')]?.default;
  return { path, fr: Object.values(module)[0] as Catalogue, en: english };
});

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('message catalogues', () => {
  it('are found, each with its English beside it', () => {
    expect(catalogues.length).toBeGreaterThan(10);
    for (const { path, en } of catalogues) expect(en, path).toBeDefined();
  });

  it('have exactly the same keys in French and English', () => {
    for (const { path, fr, en } of catalogues)
      expect(Object.keys(en ?? {}).sort(), path).toEqual(Object.keys(fr).sort());
  });

  it('define each key once across the whole client', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const { path, fr } of catalogues) {
      for (const key of Object.keys(fr)) {
        if (seen.has(key)) twice.push(`${key}: ${seen.get(key)} and ${path}`);
        seen.set(key, path);
      }
    }
    expect(twice).toEqual([]);
  });

  it('have no empty message, and the same placeholders in both languages', () => {
    for (const { path, fr, en = {} } of catalogues) {
      for (const [key, text] of Object.entries(fr)) {
        expect(text.trim(), `${path} ${key}`).not.toBe('');
        expect(en[key]?.trim(), `${path} ${key}`).not.toBe('');
        expect(placeholders(en[key] ?? ''), `${path} ${key}`).toEqual(placeholders(text));
      }
    }
  });

  it('give every plural form its pair', () => {
    for (const { path, fr } of catalogues) {
      for (const key of Object.keys(fr)) {
        if (key.endsWith('.one')) expect(fr, `${path} ${key}`).toHaveProperty(key.replace(/\.one$/, '.other'));
      }
    }
  });
});

describe('translate', () => {
  it('fills placeholders in the chosen language', async () => {
    await loadCatalogue('en');
    expect(homeT('forYou.heading', { name: 'Camille' })).toBe('Pour vous, Camille');
    expect(translate('en', 'forYou.heading', { name: 'Camille' })).toBe('For you, Camille');
  });

  it('keeps unknown placeholders visible', () => {
    expect(interpolate('{a} et {b}', { a: 1 })).toBe('1 et {b}');
  });

  it('writes the sign-in error the alliance asked for', () => {
    expect(accountsT('signIn.invalidCredentials')).toBe('Adresse ou mot de passe incorrect.');
    expect(accountsT('mailLink.invalid')).toBe('Ce lien a expiré ou a déjà servi.');
  });
});

describe('a catalogue loaded with its feature', () => {
  it('shows French at once and fetches its English only for an English reader', async () => {
    const english = vi.fn(async () => ({ default: { 'test.greeting': 'Hello {name}' } }));
    const { t } = defineMessages({ 'test.greeting': 'Bonjour {name}' }, english);
    expect(t('test.greeting', { name: 'Ana' })).toBe('Bonjour Ana');
    expect(english).not.toHaveBeenCalled();

    setLocale('en');
    await vi.waitFor(() => expect(locale()).toBe('en'));
    await messagesReady();
    expect(english).toHaveBeenCalledTimes(1);
    expect(t('test.greeting', { name: 'Ana' })).toBe('Hello Ana');

    // Registered while English is the language: fetched at once, ready before a page shows it.
    const later = defineMessages({ 'test.later': 'Plus tard' }, async () => ({ default: { 'test.later': 'Later' } }));
    await messagesReady();
    expect(later.t('test.later')).toBe('Later');

    setLocale('fr');
    await vi.waitFor(() => expect(locale()).toBe('fr'));
    expect(t('test.greeting', { name: 'Ana' })).toBe('Bonjour Ana');
  });
});
