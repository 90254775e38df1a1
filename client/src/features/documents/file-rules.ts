import { FILE_ALLOWED_TYPES, FILE_MAX_BYTES } from '@atelier/contract';

/**
 * What the browser can say about a file before sending it. Only the size is decided here:
 * the type is the server's call, from the content (a renamed file fools the browser), so the
 * extension list only guides the file picker.
 */

/** The picker's `accept`: the allowed types and their usual extensions. */
export const FILE_ACCEPT = [
  ...FILE_ALLOWED_TYPES,
  '.pdf',
  '.docx',
  '.xlsx',
  '.pptx',
  '.odt',
  '.ods',
  '.odp',
  '.png',
  '.jpg',
  '.jpeg',
  '.webp',
  '.gif',
].join(',');

export type FileProblem = 'empty' | 'too_large';

export function fileProblem(file: { size: number }, maxBytes = FILE_MAX_BYTES): FileProblem | null {
  if (file.size === 0) return 'empty';
  if (file.size > maxBytes) return 'too_large';
  return null;
}

/** "1,5 Mo" / "1.5 MB": French writes octets. */
export function formatBytes(bytes: number, lang: 'fr' | 'en'): string {
  const units = lang === 'fr' ? ['o', 'ko', 'Mo', 'Go'] : ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits }).format(
    value,
  );
  return `${number}\u00a0${units[unit]}`;
}

/** A short, readable name for a sniffed type ("PDF", "Image PNG", "Texte (ODT)"). */
export function typeLabel(mimeType: string): string {
  const known: Record<string, string> = {
    'application/pdf': 'PDF',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (XLSX)',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint (PPTX)',
    'application/vnd.oasis.opendocument.text': 'OpenDocument (ODT)',
    'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument (ODS)',
    'application/vnd.oasis.opendocument.presentation': 'OpenDocument (ODP)',
    'image/png': 'PNG',
    'image/jpeg': 'JPEG',
    'image/webp': 'WebP',
    'image/gif': 'GIF',
  };
  return known[mimeType] ?? mimeType;
}
