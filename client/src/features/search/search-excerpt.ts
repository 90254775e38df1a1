/**
 * The one guard between a search excerpt and `innerHTML`. The server already escapes what people
 * wrote and adds only `<mark>` around what was found; this is defence in depth, so that a fault
 * there (or anything between it and us) can never become markup in the reader's page. The text
 * is split on exactly `<mark>` and `</mark>`; everything else — any other tag, a `<mark>` with
 * attributes, a stray `<`, a quote — is escaped, and the marks are balanced.
 */

const MARK = /(<mark>|<\/mark>)/;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * The text the server's escaping stood for: its entities read back, so that escaping again
 * shows « l'eau & le feu » rather than « l&#39;eau &amp;amp; le feu ». Only the entities an
 * escaper writes are known; any other `&…;` stays as written (and is then shown as such).
 */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    // Not a character, a surrogate half or NUL: shown as written rather than decoded.
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
    return String.fromCodePoint(code);
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);

/** Safe HTML for `innerHTML`: escaped text and balanced `<mark>…</mark>`, nothing else. */
export function guardExcerpt(html: string): string {
  let out = '';
  let open = false;
  for (const part of html.split(MARK)) {
    if (part === '<mark>') {
      if (!open) out += '<mark>';
      open = true;
    } else if (part === '</mark>') {
      if (open) out += '</mark>';
      open = false;
    } else {
      out += escapeHtml(decodeEntities(part));
    }
  }
  return open ? `${out}</mark>` : out;
}
