import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMail } from './mail-content';

describe('renderMail', () => {
  const hostile = '<script>alert("x")</script> & \'quotes\'';

  it('escapes every interpolated value in the HTML part', () => {
    const { html } = renderMail({
      locale: 'fr',
      title: hostile,
      greeting: `Bonjour ${hostile},`,
      paragraphs: [hostile],
      action: { label: hostile, url: 'https://atelier.exemple.fr/a?b=1&c="2"' },
      code: '<b>123</b>',
      footer: hostile,
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>123');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(html).toContain('href="https://atelier.exemple.fr/a?b=1&amp;c=&quot;2&quot;"');
    expect(html).toContain('&lt;b&gt;123&lt;/b&gt;');
  });

  it('always has a plain-text part with the full URL and the code', () => {
    const url = 'https://atelier.exemple.fr/connexion/lien?token=abc';
    const { text } = renderMail({
      locale: 'fr',
      greeting: 'Bonjour Camille,',
      paragraphs: ['Voici votre lien.', 'Il sert une fois.'],
      action: { label: 'Me connecter', url },
      code: '482913',
    });
    expect(text).toContain(url);
    expect(text).toContain('482913');
    expect(text.startsWith('Bonjour Camille,\n\nVoici votre lien.\n\nIl sert une fois.')).toBe(true);
    expect(text).not.toMatch(/<[a-z]/i);
  });

  it('declares the language and keeps line breaks inside a paragraph', () => {
    const { html, text } = renderMail({ locale: 'en', paragraphs: ['one\ntwo'] });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('one<br>two');
    expect(text).toContain('one\ntwo');
    expect(text).toContain('Atelier des transitions');
  });

  it('refuses an action link that is not http(s)', () => {
    expect(() =>
      renderMail({ locale: 'fr', paragraphs: [], action: { label: 'x', url: 'javascript:alert(1)' } }),
    ).toThrow(/http/);
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
