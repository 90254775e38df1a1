import { POST_BODY_MAX_CHARS } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { excerpt, findMentions, namesAfterAt, sanitizePostBody } from './sanitize';

describe('sanitizePostBody', () => {
  it('keeps the safe subset', () => {
    const html =
      '<p><strong>Gras</strong> et <em>italique</em></p><ul><li>un</li></ul><blockquote>cité</blockquote><pre><code>x</code></pre>';
    expect(sanitizePostBody(html)).toBe(html);
  });

  it('drops scripts, handlers and foreign tags', () => {
    expect(sanitizePostBody('<p>Bonjour<script>alert(1)</script></p>')).toBe('<p>Bonjour</p>');
    expect(sanitizePostBody('<p>Image <img src=x onerror="alert(1)"></p>')).toBe('<p>Image </p>');
    expect(sanitizePostBody('<p onclick="alert(1)" style="color:red">Texte</p>')).toBe('<p>Texte</p>');
    expect(sanitizePostBody('<div><h1>Titre</h1><iframe src="https://x.fr"></iframe></div>')).toBe('Titre');
  });

  it('keeps http, https and mailto links only, with our rel', () => {
    expect(sanitizePostBody('<a href="https://fabrique.fr" rel="opener" target="_blank">lien</a>')).toBe(
      '<a href="https://fabrique.fr" rel="noopener nofollow ugc">lien</a>',
    );
    expect(sanitizePostBody('<a href="mailto:a@b.fr">écrire</a>')).toContain('href="mailto:a@b.fr"');
    expect(sanitizePostBody('<a href="javascript:alert(1)">clic</a>')).toBe('<a rel="noopener nofollow ugc">clic</a>');
    expect(sanitizePostBody('<a href="JaVaScRiPt:alert(1)">clic</a>')).not.toContain('javascript');
    expect(sanitizePostBody('<a href="data:text/html,x">clic</a>')).not.toContain('data:');
  });

  it('refuses bodies that are empty once cleaned, and oversized ones', () => {
    expect(() => sanitizePostBody('<script>alert(1)</script>')).toThrow(
      expect.objectContaining({ code: 'post_empty' }),
    );
    expect(() => sanitizePostBody('<p>  </p><br>')).toThrow(expect.objectContaining({ code: 'post_empty' }));
    expect(() => sanitizePostBody('a'.repeat(POST_BODY_MAX_CHARS + 1))).toThrow(
      expect.objectContaining({ code: 'post_too_large', status: 413 }),
    );
  });
});

describe('findMentions', () => {
  const people = [
    { id: '1', displayName: 'Camille' },
    { id: '2', displayName: 'Camille Martin' },
    { id: '3', displayName: 'Anne' },
  ];

  it('prefers the longest name and needs a word boundary', () => {
    expect(findMentions('<p>Merci @Camille Martin !</p>', people).map((p) => p.id)).toEqual(['2']);
    expect(findMentions('<p>@camille et @Anne, voir @Annecy</p>', people).map((p) => p.id)).toEqual(['1', '3']);
    expect(findMentions('<p>mail: anne@Anne.fr</p>', people)).toEqual([]);
  });

  it('looks up every name written after an @, the second one too', () => {
    const names = namesAfterAt('<p>@Camille Martin et @Anne, regardez</p>');
    expect(names).toEqual(expect.arrayContaining(['Camille Martin', 'Anne']));
    expect(namesAfterAt('<p>mail: anne@Anne.fr</p>')).toEqual([]);
  });
});

describe('excerpt', () => {
  it('reads as text and is short', () => {
    expect(excerpt('<p>Un &amp; deux</p><p>trois</p>')).toBe('Un & deux trois');
    expect(excerpt(`<p>${'mot '.repeat(100)}</p>`, 20)).toHaveLength(20);
  });
});
