import { describe, expect, it } from 'vitest';
import { contentDisposition } from './http';

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact name in RFC 5987 form', () => {
    expect(contentDisposition('attachment', 'Été 2026 (bilan).pdf')).toBe(
      `attachment; filename="Ete 2026 (bilan).pdf"; filename*=UTF-8''%C3%89t%C3%A9%202026%20%28bilan%29.pdf`,
    );
  });

  it('writes a plain ASCII name once, as a token or quoted', () => {
    expect(contentDisposition('inline', 'atelier.webp')).toBe('inline; filename=atelier.webp');
    expect(contentDisposition('attachment', 'Feuille de route.md')).toBe('attachment; filename="Feuille de route.md"');
  });

  it('cannot be broken out of by quotes, backslashes or semicolons in the name', () => {
    const header = contentDisposition('inline', 'a";b\\c%d.pdf');
    expect(header).toBe(`inline; filename="a_;b_c_d.pdf"; filename*=UTF-8''a%22%3Bb%5Cc%25d.pdf`);
    expect(header).not.toMatch(/[\r\n]/);
  });
});
