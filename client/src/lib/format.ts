import { dateTimeFormat, formatTime, intlLocale, type Locale, PARIS } from '@atelier/contract';

export { dateTimeFormat, formatDay, formatEventRange, formatTime, PARIS } from '@atelier/contract';

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
