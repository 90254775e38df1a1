import type { Locale } from '@atelier/contract';
import { createSignal } from 'solid-js';
import { appFr } from './messages/app.fr';
import { errorsFr } from './messages/errors.fr';

/**
 * Texts live with their feature, one catalogue per language: `<name>.fr.ts` (the source of
 * truth, in the feature's own chunk) and `<name>.en.ts` (fetched only when English is chosen).
 * `<name>.i18n.ts` joins them with `defineMessages` and gives the feature its `t` and `tc`,
 * typed on its own keys and the application's (layout, common words, errors), so a component
 * cannot use a text its chunk does not carry. The application's catalogue is the only one in
 * every first download.
 */

type Dictionary = Record<string, string>;
type EnglishModule = { default: Dictionary };

interface Catalogue {
  load: () => Promise<EnglishModule>;
  /** The English download, once asked for; cleared after a failure so that it can be retried. */
  english?: Promise<void>;
}

/** Every registered catalogue merged, per language; keys are unique across catalogues (tested). */
const dictionaries: Record<Locale, Dictionary> = { fr: {}, en: {} };
const catalogues: Catalogue[] = [];
/** Bumped when English texts arrive, so that what was shown in French meanwhile updates. */
const [revision, setRevision] = createSignal(0);

const STORAGE_KEY = 'atelier.locale';

export const isLocale = (value: unknown): value is Locale => value === 'fr' || value === 'en';

function storedLocale(): Locale {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(value) ? value : 'fr';
  } catch {
    // Storage can be disabled (private mode, strict settings): French is the default anyway.
    return 'fr';
  }
}

const [locale, setLocaleSignal] = createSignal<Locale>('fr');

export { locale };

/** The language asked for last: a slower catalogue download never overrides a later choice. */
let wanted: Locale = 'fr';

function loadEnglish(catalogue: Catalogue): Promise<void> {
  catalogue.english ??= catalogue.load().then(
    (module) => {
      Object.assign(dictionaries.en, module.default);
      setRevision((value) => value + 1);
    },
    (error: unknown) => {
      catalogue.english = undefined;
      throw error;
    },
  );
  return catalogue.english;
}

/**
 * Fetches the English of every registered catalogue (French is always there), including those
 * registered while it waited: the first page's modules all register before any download ends.
 */
export async function loadCatalogue(lang: Locale): Promise<void> {
  if (lang !== 'en') return;
  let done = -1;
  while (done !== catalogues.length) {
    done = catalogues.length;
    await Promise.all(catalogues.map(loadEnglish));
  }
}

/**
 * Resolves once the texts of the current language are here for every catalogue registered so
 * far; a lazy page awaits it after its chunk has loaded (and registered its catalogue), so that
 * it never shows French first to an English reader. A failed download falls back on French.
 */
export function messagesReady(): Promise<void> {
  return wanted === 'en' ? loadCatalogue('en').catch(() => undefined) : Promise.resolve();
}

/** `lazy(() => import('./x.page').then(withMessages))`: the page once its texts are here. */
export const withMessages = <T>(module: T): Promise<T> => messagesReady().then(() => module);

/**
 * The alliance writes in French: what its people wrote (posts, titles, documents) keeps
 * `lang="fr"` when the interface is in English, so that screen readers read it with a French
 * voice. Undefined in French, where `<html lang>` already says so.
 */
export const contentLang = () => (locale() === 'fr' ? undefined : 'fr');

async function applyLocale(value: Locale) {
  wanted = value;
  await loadCatalogue(value);
  if (wanted !== value) return;
  setLocaleSignal(value);
  if (typeof document !== 'undefined') document.documentElement.lang = value;
}

/**
 * Switches the interface language (once its catalogues are here), remembers it on this device
 * and updates `<html lang>`.
 */
export function setLocale(value: Locale) {
  void applyLocale(value).catch((error) => console.warn('Could not load the texts', error));
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, value);
  } catch {
    // Not remembered on this device; the account's locale still carries it.
  }
}

type Listener = (value: Locale) => void;
const listeners = new Set<Listener>();

/** Called when the person picks a language; the session store saves it to the account. */
export function onLocaleChosen(listener: Listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A deliberate choice by the person (language switch), as opposed to following the account. */
export function chooseLocale(value: Locale) {
  setLocale(value);
  for (const listener of listeners) listener(value);
}

export type Params = Record<string, string | number>;

/** Replaces `{name}` placeholders; unknown ones stay visible so a mistake shows. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The text of `key` in `lang`; French while the English is on its way, the key itself if unknown. */
export function translate(lang: Locale, key: string, params?: Params): string {
  return interpolate(dictionaries[lang][key] ?? dictionaries.fr[key] ?? key, params);
}

/**
 * Kept per language: building an `Intl.PluralRules` or `Intl.NumberFormat` costs milliseconds
 * (far more than using one), and a list counts something on every line.
 */
const pluralRules: Partial<Record<Locale, Intl.PluralRules>> = {};
const numberFormats: Partial<Record<Locale, Intl.NumberFormat>> = {};

/** Reactive: reads the locale (and the arrival of texts), so text updates when they change. */
function text(key: string, params?: Params): string {
  revision();
  return translate(locale(), key, params);
}

/** Plural forms: `tc('spaces.members', 3)` reads `spaces.members.other` with `{count}` = 3. */
function plural(key: string, count: number, params?: Params): string {
  const lang = locale();
  pluralRules[lang] ??= new Intl.PluralRules(lang);
  const form = pluralRules[lang].select(count) === 'one' ? 'one' : 'other';
  numberFormats[lang] ??= new Intl.NumberFormat(lang);
  const formatted = numberFormats[lang].format(count);
  return text(`${key}.${form}`, { count: formatted, ...params });
}

type PluralBase<K> = K extends `${infer Base}.one` ? Base : never;

/** A catalogue's typed `t` and `tc`; `Keys` is a phantom carrying its keys for `extend`. */
export interface Messages<K extends string> {
  t: (key: K, params?: Params) => string;
  tc: (key: PluralBase<K>, count: number, params?: Params) => string;
  readonly Keys?: K;
}
type KeysOf<M> = M extends { readonly Keys?: infer K } ? Exclude<K, undefined> : never;

const messages = <K extends string>(): Messages<K> => ({ t: text, tc: plural });

/**
 * Registers a catalogue: its French at once, its English when that language is (or becomes) the
 * reader's. `extend` names catalogues whose keys this one's `t` may use too (imported first, so
 * already registered). Keys are checked: the English file must have exactly the French keys.
 */
export function defineMessages<F extends Record<string, string>, const E extends { readonly Keys?: string }[] = []>(
  fr: F,
  english: () => Promise<{ default: Record<keyof F, string> }>,
  ...extend: E
): Messages<(keyof F & string) | AppKey | KeysOf<E[number]>> {
  void extend;
  Object.assign(dictionaries.fr, fr);
  const catalogue: Catalogue = { load: english };
  catalogues.push(catalogue);
  if (wanted === 'en') void loadEnglish(catalogue).catch(() => undefined);
  return messages();
}

/** The application's own texts: layout, navigation, common words, every error code. */
const app = defineMessages({ ...appFr, ...errorsFr }, async () => {
  const [texts, errors] = await Promise.all([import('./messages/app.en'), import('./messages/errors.en')]);
  return { default: { ...texts.default, ...errors.default } };
});
export type AppKey = keyof typeof appFr | keyof typeof errorsFr;
export type MessageKey = AppKey;

/** `t` and `tc` for the application's texts; features import theirs from `<feature>.i18n.ts`. */
export const { t, tc } = app as Messages<AppKey>;

void applyLocale(storedLocale());

export { intlLocale } from '@atelier/contract';
