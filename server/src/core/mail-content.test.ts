import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMail } from './mail-content';

describe('renderMail', () => {
  const hostile = '<script>alert("x")</script> & \'quotes\'';

  it('escapes every interpolated value in the HTML part', async () => {
    const { html } = await renderMail({
      locale: 'fr',
      title: hostile,
      kicker: { text: hostile, link: { label: hostile, url: 'https://atelier.exemple.fr/k' } },
      heading: hostile,
      greeting: `Bonjour ${hostile},`,
      paragraphs: [hostile],
      action: { label: hostile, url: 'https://atelier.exemple.fr/a?b=1&c="2"' },
      code: '<b>123</b>',
      footer: hostile,
      stop: { label: hostile, url: 'https://atelier.exemple.fr/desabonnement/t' },
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>123');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(html).toContain('href="https://atelier.exemple.fr/a?b=1&amp;c=&quot;2&quot;"');
    expect(html).toContain('&lt;b&gt;123&lt;/b&gt;');
  });

  it('always has a plain-text part with the full URLs and the code', async () => {
    const url = 'https://atelier.exemple.fr/connexion/lien?token=abc';
    const { text } = await renderMail({
      locale: 'fr',
      greeting: 'Bonjour Camille,',
      paragraphs: ['Voici votre lien.', 'Il sert une fois.'],
      action: { label: 'Me connecter', url },
      code: '482913',
      stop: { label: 'Ne plus recevoir', url: 'https://atelier.exemple.fr/desabonnement/t' },
    });
    expect(text).toContain(url);
    expect(text).toContain('482913');
    expect(text).toContain('Ne plus recevoir\u00a0: https://atelier.exemple.fr/desabonnement/t');
    expect(text.startsWith('Bonjour Camille,\n\nVoici votre lien.\n\nIl sert une fois.')).toBe(true);
    expect(text).not.toMatch(/<[a-z]/i);
  });

  it('makes a responsive HTML part: the language declared, a phone layout, no outside fonts or images', async () => {
    const { html, text } = await renderMail({ locale: 'en', title: 'Hello', paragraphs: ['one\ntwo'] });
    expect(html).toMatch(/<html lang="en"/);
    expect(html).toContain('<title>Hello</title>');
    expect(html).toContain('name="viewport"');
    expect(html).toMatch(/@media only screen and \(min-width:480px\)/);
    expect(html).not.toMatch(/fonts\.googleapis|<img/);
    expect(html).toContain('one<br>two');
    expect(text).toContain('one\ntwo');
    expect(text).toContain('Atelier des transitions');
  });

  it('places sanitized HTML as it is, after the paragraphs, with its text version', async () => {
    const { html, text } = await renderMail({
      locale: 'fr',
      heading: 'Infolettre de mars',
      paragraphs: ['Avant'],
      body: { html: '<h2 style="margin:0;">Au programme</h2>', text: 'Au programme' },
    });
    expect(html).toContain('<h2 style="margin:0;">Au programme</h2>');
    expect(html.indexOf('Avant')).toBeLessThan(html.indexOf('Au programme'));
    expect(text).toBe(
      'Infolettre de mars\n\nAvant\n\nAu programme\n\n-- \nCe message vous est envoyé par l’Atelier des transitions.',
    );
  });

  it('refuses a link that is not http(s), wherever it is', async () => {
    await expect(
      renderMail({ locale: 'fr', paragraphs: [], action: { label: 'x', url: 'javascript:alert(1)' } }),
    ).rejects.toThrow(/http/);
    await expect(
      renderMail({ locale: 'fr', paragraphs: [], stop: { label: 'x', url: 'data:text/html,x' } }),
    ).rejects.toThrow(/http/);
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
