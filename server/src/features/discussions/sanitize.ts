import { POST_BODY_MAX_CHARS } from '@atelier/contract';
import sanitizeHtml from 'sanitize-html';
import { AppError } from '../../errors';

/**
 * Post bodies arrive as HTML from the rich-text editor (or pasted from anywhere) and leave as
 * the safe subset below. Everything else is dropped: scripts and styles with their content,
 * other tags keeping their text, every attribute but a link's href, and any href that is not
 * http, https or mailto (so no `javascript:` or `data:` links). Links are marked as user
 * content that search engines should not credit and that cannot reach back to this page.
 */
export const POST_HTML_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'blockquote', 'code', 'pre'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'iframe', 'object'],
  transformTags: {
    b: 'strong',
    i: 'em',
    // Whatever rel the author wrote, ours replaces it.
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'noopener nofollow ugc' },
    }),
  },
};

const TEXT_ONLY: sanitizeHtml.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  nonTextTags: POST_HTML_OPTIONS.nonTextTags ?? [],
};

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decodeEntities = (value: string) =>
  value.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);

/** The readable text of sanitized HTML, block elements separated by spaces. */
export function plainText(html: string): string {
  const spaced = html.replace(/<(br|\/p|\/li|\/blockquote|\/pre)\b[^>]*>/gi, (tag) => `${tag} `);
  return decodeEntities(sanitizeHtml(spaced, TEXT_ONLY)).replace(/\s+/g, ' ').trim();
}

/** A short extract for notifications and mail. */
export function excerpt(html: string, max = 160): string {
  const text = plainText(html);
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The body to store. Too long → 413 `post_too_large` (checked before any parsing, so a huge
 * paste costs nothing); nothing readable left → 400 `post_empty`.
 */
export function sanitizePostBody(input: string): string {
  if (input.length > POST_BODY_MAX_CHARS) {
    throw new AppError('post_too_large', `a post holds at most ${POST_BODY_MAX_CHARS} characters of HTML`, {
      body: [`longer than ${POST_BODY_MAX_CHARS} characters`],
    });
  }
  const html = sanitizeHtml(input, POST_HTML_OPTIONS).trim();
  if (plainText(html) === '') {
    throw new AppError('post_empty', 'the message is empty', { body: ['nothing left to publish'] });
  }
  return html;
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Words a name may span after "@" (display names are short: "Camille Martin-Durand"). */
const MAX_NAME_WORDS = 5;

/**
 * The names a body may mention: after each "@", its first one to five words, as written (with
 * and without trailing punctuation). Only these are looked up among the space's members, so a
 * post costs the same in a space of ten people or of ten thousand.
 */
export function namesAfterAt(html: string): string[] {
  const text = plainText(html);
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<![\p{L}\p{N}_])@([^\s@][^@]*)/gu)) {
    const words = (match[1] ?? '').split(/\s+/).filter(Boolean).slice(0, MAX_NAME_WORDS);
    for (let count = 1; count <= words.length; count++) {
      const name = words.slice(0, count).join(' ');
      names.add(name);
      names.add(name.replace(/[.,;:!?)\]»"'’]+$/u, ''));
    }
  }
  names.delete('');
  return [...names].slice(0, 200);
}

/**
 * Who a body names with `@displayName`, among `people` (the space's members). Longer names are
 * tried first and a matched span is blanked, so "@Camille Martin" never also mentions a
 * "Camille". The name must end at a word boundary: "@Annecy" does not mention "Anne".
 */
export function findMentions<T extends { id: string; displayName: string }>(html: string, people: T[]): T[] {
  let text = plainText(html);
  if (!text.includes('@')) return [];
  const found: T[] = [];
  const byLength = [...people].sort((a, b) => b.displayName.length - a.displayName.length);
  for (const person of byLength) {
    const name = person.displayName.trim();
    if (!name) continue;
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}_])@${escapeRegExp(name)}(?![\\p{L}\\p{N}_])`, 'iu');
    const match = pattern.exec(text);
    if (!match) continue;
    found.push(person);
    const start = match.index + (match[1]?.length ?? 0);
    const end = start + 1 + name.length;
    text = `${text.slice(0, start)}${' '.repeat(end - start)}${text.slice(end)}`;
  }
  return found;
}
