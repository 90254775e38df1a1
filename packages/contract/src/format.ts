import type { Locale } from './common';

/**
 * How the platform writes dates and times, the same in its pages and in its mails: French
 * typography ("mardi 1 décembre 2026, 12 h 30 – 13 h 30"), English as British English writes it.
 */

/** The alliance meets on Paris time; events are shown in it whatever the reader's device says. */
export const PARIS = 'Europe/Paris';

/** `fr-FR` / `en-GB` style tag for Intl formatters. */
export const intlLocale = (lang: Locale) => (lang === 'fr' ? 'fr-FR' : 'en-GB');

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per tag, zone and style, kept: building an `Intl.DateTimeFormat` costs far more
 * than using one, and a list of events formats a dozen dates per item on a phone's CPU.
 */
export function dateTimeFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(tag, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

/** French typography writes times as "12 h 30"; English as "12:30". */
export function formatTime(date: Date, lang: Locale, timeZone = PARIS): string {
  const parts = dateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(date);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? '0');
  const minute = parts.find((part) => part.type === 'minute')?.value ?? '00';
  return lang === 'fr' ? `${hour} h ${minute}` : `${String(hour).padStart(2, '0')}:${minute}`;
}

/** "mardi 1 décembre 2026" */
export function formatDay(date: Date, lang: Locale, timeZone = PARIS): string {
  return dateTimeFormat(intlLocale(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(date);
}

/**
 * "mardi 1 décembre 2026, 12 h 30 – 13 h 30" in the given zone; when the end falls on another
 * day, the end's day is written out too.
 */
export function formatEventRange(startsAt: Date | string, endsAt: Date | string, lang: Locale, timeZone = PARIS) {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const startDay = formatDay(start, lang, timeZone);
  const endDay = formatDay(end, lang, timeZone);
  const from = `${startDay}, ${formatTime(start, lang, timeZone)}`;
  const to = endDay === startDay ? formatTime(end, lang, timeZone) : `${endDay}, ${formatTime(end, lang, timeZone)}`;
  return `${from} – ${to}`;
}
