/**
 * Uploaded names are shown to people and sent back in Content-Disposition (`core/http.ts`); they never name
 * anything on disk (storage keys are generated). Cleaning them is about what a person sees and
 * what their computer does with the download: no folders, no invisible or direction-changing
 * characters, no hidden-file dots, and an extension that matches the sniffed content.
 */

export const FILE_NAME_MAX_CHARS = 200;

/** The extensions a sniffed type may carry, the first being the one added when none matches. */
const EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/vnd.oasis.opendocument.presentation': ['odp'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
};

// Control characters (C0, C1), format characters (bidi overrides such as U+202E, zero-width
// joiners, BOM), line and paragraph separators, lone surrogates and private-use code points.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}]/gu;
// Characters Windows refuses in names; replaced so that the download saves as named.
const RESERVED = /[<>:"|?*]/g;

/** Cuts to `max` code points without splitting a surrogate pair. */
const cut = (value: string, max: number) => Array.from(value).slice(0, max).join('');

/**
 * The name to keep for an upload: the last path segment only (both `/` and `\`), NFC, without
 * invisible characters, without leading dots or trailing dots and spaces, at most 200 code
 * points, ending with an extension of the sniffed type (added when it is missing or wrong, so
 * that `rapport.exe` holding a PDF downloads as `rapport.exe.pdf`).
 */
export function cleanFileName(raw: string, mimeType: string): string {
  const extensions = EXTENSIONS[mimeType] ?? [];
  const lastSegment = raw.split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const wanted = extensions[0];
  let suffix = '';
  if (wanted && !extensions.includes(extension)) suffix = `.${wanted}`;
  else if (wanted) {
    suffix = name.slice(dot);
    name = name.slice(0, dot);
  }
  if (name === '') name = 'fichier';
  return `${cut(name, FILE_NAME_MAX_CHARS - Array.from(suffix).length).replace(/[\s.]+$/, '') || 'fichier'}${suffix}`;
}
