export type TextPiece = { kind: 'text'; value: string } | { kind: 'link'; value: string };

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
/** Closing punctuation that ends a sentence rather than the address. */
const TRAILING = /[.,;:!?)\]]+$/;

/**
 * Splits plain text into text and web-address pieces, so addresses can be rendered as links
 * while everything else stays text: nothing from the message is ever parsed as HTML.
 */
export function linkify(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    const url = match[0].replace(TRAILING, '');
    if (start > last) pieces.push({ kind: 'text', value: text.slice(last, start) });
    pieces.push({ kind: 'link', value: url });
    last = start + url.length;
  }
  if (last < text.length) pieces.push({ kind: 'text', value: text.slice(last) });
  return pieces;
}
