import { diffWordsWithSpace } from 'diff';

/**
 * Comparing a saved version with the current text, word by word. Both texts are plain text
 * (paragraphs separated by line breaks); runs of blank lines and trailing spaces are evened
 * out first, so that the editor's and the server's ways of separating blocks do not show up
 * as changes.
 */

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

export interface VersionDiff {
  parts: DiffPart[];
  /** Number of added and removed words, for the summary read before the detail. */
  addedWords: number;
  removedWords: number;
}

export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+$/u, ''))
    .filter((line) => line.trim() !== '')
    .join('\n')
    .trim();
}

const countWords = (text: string) => text.split(/\s+/u).filter(Boolean).length;

/**
 * What changed from `before` (the version) to `after` (the current text). A change spanning
 * several words with spaces between them ("haies" → "arbres fruitiers") comes back as one
 * removed part then one added part, rather than a word-by-word patchwork; reading the `same`
 * and `removed` parts in order gives `before` back, the `same` and `added` parts give `after`.
 */
export function diffVersions(before: string, after: string): VersionDiff {
  const changes = diffWordsWithSpace(normalizeText(before), normalizeText(after));
  const parts: DiffPart[] = [];
  let removed = '';
  let added = '';
  let pendingSpace = '';
  const flush = () => {
    if (removed) parts.push({ kind: 'removed', text: removed });
    if (added) parts.push({ kind: 'added', text: added });
    removed = '';
    added = '';
  };
  const pushSame = (text: string) => {
    const last = parts.at(-1);
    if (last?.kind === 'same') last.text += text;
    else parts.push({ kind: 'same', text });
  };
  for (const change of changes) {
    if (change.added || change.removed) {
      // Spaces between two changes belong to both sides of the one change.
      if (pendingSpace && (removed || added)) {
        removed += pendingSpace;
        added += pendingSpace;
      } else if (pendingSpace) pushSame(pendingSpace);
      pendingSpace = '';
      if (change.added) added += change.value;
      else removed += change.value;
    } else if (/^\s+$/u.test(change.value) && (removed || added)) {
      pendingSpace += change.value;
    } else {
      flush();
      pushSame(pendingSpace + change.value);
      pendingSpace = '';
    }
  }
  flush();
  if (pendingSpace) pushSame(pendingSpace);
  const words = (kind: DiffPart['kind']) =>
    parts.filter((part) => part.kind === kind).reduce((sum, part) => sum + countWords(part.text), 0);
  return { parts, addedWords: words('added'), removedWords: words('removed') };
}

/** No change at all between the two texts. */
export const isUnchanged = (diff: VersionDiff) => diff.parts.every((part) => part.kind === 'same');
