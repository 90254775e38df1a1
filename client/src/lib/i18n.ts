import type { Locale } from '@atelier/contract';
import { createSignal } from 'solid-js';
import { fr, type MessageKey, type Messages } from './messages/fr';

export type { MessageKey };

/**
 * French is in the first download; other catalogues are fetched when first chosen, so the home
 * page does not carry every text twice.
 */
const catalogues: Partial<Record<Locale, Messages>> = { fr };
const loaders: Record<Locale, () => Promise<Messages>> = {
  fr: async () => fr,
  en: () => import('./messages/en').then((module) => module.en),
};

export async function loadCatalogue(lang: Locale): Promise<void> {
  catalogues[lang] ??= await loaders[lang]();
}
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

async function applyLocale(value: Locale) {
  wanted = value;
  await loadCatalogue(value);
  if (wanted !== value) return;
  setLocaleSignal(value);
  if (typeof document !== 'undefined') document.documentElement.lang = value;
}
void applyLocale(storedLocale());

/**
 * Switches the interface language (once its catalogue is here), remembers it on this device and
 * updates `<html lang>`.
 */
export function setLocale(value: Locale) {
  void applyLocale(value);
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

export function translate(lang: Locale, key: MessageKey, params?: Params): string {
  return interpolate(catalogues[lang]?.[key] ?? fr[key], params);
}

/** Reactive: reads the locale signal, so text updates when the language changes. */
export function t(key: MessageKey, params?: Params): string {
  return translate(locale(), key, params);
}

type PluralBase<K> = K extends `${infer Base}.one` ? Base : never;
export type PluralKey = PluralBase<MessageKey>;

const pluralRules: Partial<Record<Locale, Intl.PluralRules>> = {};

/** Plural forms: `tc('spaces.members', 3)` reads `spaces.members.other` with `{count}` = 3. */
export function tc(key: PluralKey, count: number, params?: Params): string {
  const lang = locale();
  pluralRules[lang] ??= new Intl.PluralRules(lang);
  const form = pluralRules[lang].select(count) === 'one' ? 'one' : 'other';
  const formatted = new Intl.NumberFormat(lang).format(count);
  return translate(lang, `${key}.${form}` as MessageKey, { count: formatted, ...params });
}

/** `fr-FR` / `en-GB` style tag for Intl formatters. */
export const intlLocale = (lang: Locale) => (lang === 'fr' ? 'fr-FR' : 'en-GB');
