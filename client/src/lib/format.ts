import type { Locale } from '@atelier/contract';
import { intlLocale } from './i18n';

/** The alliance meets on Paris time; events are shown in it whatever the reader's device says. */
export const PARIS = 'Europe/Paris';

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

const dayFormat = (lang: Locale, timeZone: string) =>
  dateTimeFormat(intlLocale(lang), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone });

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
  return dayFormat(lang, timeZone).format(date);
}

/**
 * "mardi 1 décembre 2026, 12 h 30 – 13 h 30" in the given zone; when the end falls on another
 * day, the end's day is written out too.
 */
export function formatEventRange(startsAt: string, endsAt: string, lang: Locale, timeZone = PARIS): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const startDay = formatDay(start, lang, timeZone);
  const endDay = formatDay(end, lang, timeZone);
  const from = `${startDay}, ${formatTime(start, lang, timeZone)}`;
  const to = endDay === startDay ? formatTime(end, lang, timeZone) : `${endDay}, ${formatTime(end, lang, timeZone)}`;
  return `${from} – ${to}`;
}

/** "12 mars 2026" (no weekday), for dates of record such as the charter's acceptance. */
export function formatDate(iso: string, lang: Locale, timeZone = PARIS): string {
  return dateTimeFormat(intlLocale(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(
    new Date(iso),
  );
}

/** "12 mars 2026, 9 h 05" */
export function formatDateTime(iso: string, lang: Locale, timeZone = PARIS): string {
  const date = new Date(iso);
  return `${formatDate(iso, lang, timeZone)}, ${formatTime(date, lang, timeZone)}`;
}
