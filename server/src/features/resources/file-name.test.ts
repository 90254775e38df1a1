import { describe, expect, it } from 'vitest';
import { cleanFileName, FILE_NAME_MAX_CHARS } from './file-name';

const PDF = 'application/pdf';

describe('cleanFileName', () => {
  it('keeps a plain name as is', () => {
    expect(cleanFileName('Compte rendu — chantier Mise en récits.pdf', PDF)).toBe(
      'Compte rendu — chantier Mise en récits.pdf',
    );
    expect(cleanFileName('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
    expect(cleanFileName('photo.jpg', 'image/jpeg')).toBe('photo.jpg');
  });

  it('drops every folder, whichever separator', () => {
    expect(cleanFileName('../../etc/passwd', PDF)).toBe('passwd.pdf');
    expect(cleanFileName('..\\..\\Windows\\system32\\x.pdf', PDF)).toBe('x.pdf');
    expect(cleanFileName('..\\x', PDF)).toBe('x.pdf');
    expect(cleanFileName('/absolute/path/rapport.pdf', PDF)).toBe('rapport.pdf');
    expect(cleanFileName('C:\\Users\\camille\\rapport.pdf', PDF)).toBe('rapport.pdf');
  });

  it('never yields a hidden, empty or dot-only name', () => {
    expect(cleanFileName('..', PDF)).toBe('fichier.pdf');
    expect(cleanFileName('.', PDF)).toBe('fichier.pdf');
    expect(cleanFileName('', PDF)).toBe('fichier.pdf');
    expect(cleanFileName('../', PDF)).toBe('fichier.pdf');
    expect(cleanFileName('.htaccess', PDF)).toBe('htaccess.pdf');
    expect(cleanFileName('...pdf', PDF)).toBe('pdf.pdf');
    expect(cleanFileName('rapport.pdf. . ', PDF)).toBe('rapport.pdf');
  });

  it('removes control, NUL and direction-changing characters', () => {
    expect(cleanFileName('rap\u0000port\u0007.pdf', PDF)).toBe('rapport.pdf');
    expect(cleanFileName('ligne\r\nsuivante.pdf', PDF)).toBe('lignesuivante.pdf');
    // U+202E would show "rapport‮fdp.exe" as "rapportexe.pdf".
    expect(cleanFileName('rapport\u202Efdp.exe', PDF)).toBe('rapportfdp.exe.pdf');
    expect(cleanFileName('\uFEFFnom\u200B.pdf', PDF)).toBe('nom.pdf');
  });

  it('normalises to NFC and replaces characters Windows refuses', () => {
    const decomposed = 'e\u0301te\u0301.pdf';
    expect(cleanFileName(decomposed, PDF)).toBe('\u00e9t\u00e9.pdf');
    expect(cleanFileName('a<b>c:d"e|f?g*.pdf', PDF)).toBe('a_b_c_d_e_f_g_.pdf');
  });

  it('gives the name the extension of its sniffed content', () => {
    expect(cleanFileName('photo.pdf', 'image/png')).toBe('photo.pdf.png');
    expect(cleanFileName('setup.exe', PDF)).toBe('setup.exe.pdf');
    expect(cleanFileName('notes', 'application/vnd.oasis.opendocument.text')).toBe('notes.odt');
  });

  it('keeps at most 200 characters, extension included, without splitting an emoji', () => {
    const long = cleanFileName(`${'é'.repeat(500)}.pdf`, PDF);
    expect(Array.from(long)).toHaveLength(FILE_NAME_MAX_CHARS);
    expect(long.endsWith('é.pdf')).toBe(true);
    const emoji = cleanFileName(`${'🌱'.repeat(300)}.pdf`, PDF);
    expect(Array.from(emoji)).toHaveLength(FILE_NAME_MAX_CHARS);
    expect(emoji).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u);
    expect(
      Array.from(emoji)
        .slice(0, -4)
        .every((c) => c === '🌱'),
    ).toBe(true);
  });
});
