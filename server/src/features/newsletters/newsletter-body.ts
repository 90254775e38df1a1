import { NEWSLETTER_BODY_MAX_CHARS } from '@atelier/contract';
import sanitizeHtml from 'sanitize-html';
import { AppError } from '../../errors';
import { POST_HTML_OPTIONS, plainText } from '../discussions/sanitize';

/**
 * An infolettre's body: the posts' safe subset of HTML (see `discussions/sanitize.ts`), with
 * two differences that come from being mailed. Links must work from a mail client, so a link
 * to a page of the site (`/espaces/…`) is made absolute with PUBLIC_URL and any other relative
 * one loses its address (its text stays); and a body may be longer than a post.
 */

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The address a link keeps: absolute as written (the schemes are checked next), site paths made absolute, else none. */
function absoluteHref(href: string | undefined, publicUrl: string): string | undefined {
  const value = href?.trim();
  if (!value) return undefined;
  if (SCHEME.test(value)) return value;
  // `//host/…` would leave the site; `/\host` is read as `//host` by browsers.
  if (value.startsWith('/') && !/^\/[/\\]/.test(value)) return `${publicUrl}${value}`;
  return undefined;
}

const optionsFor = (publicUrl: string): sanitizeHtml.IOptions => ({
  ...POST_HTML_OPTIONS,
  transformTags: {
    ...POST_HTML_OPTIONS.transformTags,
    // Titles pasted from elsewhere stay paragraphs of their own rather than run into the next.
    ...Object.fromEntries(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((tag) => [tag, 'p'])),
    a: (tagName, attribs) => {
      const href = absoluteHref(attribs.href, publicUrl);
      return { tagName, attribs: { ...(href ? { href } : {}), rel: 'noopener nofollow ugc' } };
    },
  },
});

/**
 * The body to store. Too long → 413 `post_too_large` (checked before any parsing); nothing
 * readable left → 400 `post_empty` — the posts' codes, which clients already explain.
 */
export function sanitizeNewsletterBody(input: string, publicUrl: string): string {
  if (input.length > NEWSLETTER_BODY_MAX_CHARS) {
    throw new AppError(
      'post_too_large',
      `an infolettre holds at most ${NEWSLETTER_BODY_MAX_CHARS} characters of HTML`,
      {
        body: [`longer than ${NEWSLETTER_BODY_MAX_CHARS} characters`],
      },
    );
  }
  const html = sanitizeHtml(input, optionsFor(publicUrl)).trim();
  if (plainText(html) === '') {
    throw new AppError('post_empty', 'the infolettre is empty', { body: ['nothing left to send'] });
  }
  return html;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (value: string) => value.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);

/**
 * The plain-text part of a mail from a stored body: paragraphs separated by a blank line, list
 * items as "• …", and every link written out after its text, as plain-text readers expect.
 * It reads our own sanitized output (known tags, quoted attributes), never arbitrary HTML.
 */
export function bodyAsText(html: string): string {
  const linked = html.replace(/<a\b[^>]*?\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_, href: string, inner: string) => {
    const text = plainText(inner);
    const url = decode(href);
    return text === '' || text === url ? url : `${inner} (${url})`;
  });
  const blocks = linked
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<li>/g, '\n• ')
    .replace(/<\/(p|blockquote|pre|ul|ol)>/g, '\n\n')
    .replace(/<[^>]+>/g, '');
  return decode(blocks)
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const STYLES: Record<string, string> = {
  p: 'margin:0 0 16px;',
  blockquote: 'margin:0 0 16px;padding:0 0 0 12px;border-left:3px solid #cccccc;color:#333333;',
  ul: 'margin:0 0 16px;padding-left:24px;',
  ol: 'margin:0 0 16px;padding-left:24px;',
  li: 'margin:0 0 8px;',
  pre: 'margin:0 0 16px;white-space:pre-wrap;font-family:monospace;',
};

/**
 * The HTML part's version of a stored body: the same tags with inline styles, which mail
 * clients keep where they drop stylesheets. Only our sanitized tags are rewritten.
 */
export function bodyAsMailHtml(html: string): string {
  return html
    .replace(/<(p|blockquote|ul|ol|li|pre)>/g, (_, tag: string) => `<${tag} style="${STYLES[tag]}">`)
    .replace(/<a /g, '<a style="color:#1f5f3f;" ');
}
