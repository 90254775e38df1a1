import { describe, expect, it } from 'vitest';
import { pagePath, pageWithPreloads } from './route-preloads';

const INDEX =
  '<html><head>\n    <script type="module" src="/assets/index-a1.js"></script>\n  </head><body></body></html>';

describe('pages with their own chunks', () => {
  it('names stylesheets, then chunks, at the end of the head', () => {
    const page = pageWithPreloads(INDEX, { modules: ['/assets/agenda.page-b2.js'], styles: ['/assets/events-c3.css'] });
    expect(page).toMatch(
      /index-a1\.js"><\/script>\s*<link rel="stylesheet" crossorigin href="\/assets\/events-c3\.css">\s*<link rel="modulepreload" crossorigin href="\/assets\/agenda\.page-b2\.js">\s*<\/head>/,
    );
  });

  it('leaves out anything that is not a built asset path', () => {
    const page = pageWithPreloads(INDEX, {
      modules: ['/assets/x.js"><script>alert(1)</script>', 'https://ailleurs.example/x.js', '/assets/ok-d4.js'],
      styles: ['/../secret.css'],
    });
    expect(page).not.toContain('alert');
    expect(page).not.toContain('ailleurs');
    expect(page).not.toContain('secret');
    expect(page).toContain('/assets/ok-d4.js');
  });

  it('keys a page on its path, without query or trailing slash', () => {
    expect(pagePath('/agenda/?vue=mois')).toBe('/agenda');
    expect(pagePath('/agenda')).toBe('/agenda');
    expect(pagePath('/')).toBe('/');
  });
});
