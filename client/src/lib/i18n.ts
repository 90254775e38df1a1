import type { Locale } from '@atelier/contract';
import { createSignal } from 'solid-js';
import { en } from './messages/en';
import { fr, type MessageKey, type Messages } from './messages/fr';

export type { MessageKey };

const catalogues: Record<Locale, Messages> = { fr, en };
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

const [locale, setLocaleSignal] = createSignal<Locale>(storedLocale());

export { locale };

function applyLocale(value: Locale) {
  if (typeof document !== 'undefined') document.documentElement.lang = value;
}
applyLocale(locale());

/** Switches the interface language, remembers it on this device and updates `<html lang>`. */
export function setLocale(value: Locale) {
  setLocaleSignal(value);
  applyLocale(value);
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
  return interpolate(catalogues[lang][key] ?? fr[key], params);
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
