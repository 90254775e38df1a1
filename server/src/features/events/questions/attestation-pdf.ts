import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';

/**
 * « Attestations de présence », the proof of attendance agents hand to their HR department:
 * one A4 page per person, drawn with pdf-lib in Helvetica. Helvetica's WinAnsi encoding has
 * the French letters; any other character (a name in another script) is written without its
 * accents where it has a base letter, or as « ? », never dropped silently.
 */

export interface AttestationPage {
  personName: string;
  eventTitle: string;
  /** « mardi 6 janvier 2026, de 12 h 30 à 13 h 30 », in the event's time zone. */
  when: string;
  /** « en visioconférence » or the address. */
  where: string;
  /** Who organised it: the space, or the alliance. */
  organiser: string;
  /** « le 6 décembre 2026 ». */
  issuedOn: string;
  /** The sessions they were marked present at (« Atelier A, 10 h – 12 h »), if the event had any. */
  sessions: string[];
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 64;
const GREEN = rgb(0.1, 0.32, 0.21);

const canWrite = (font: PDFFont, text: string): boolean => {
  try {
    font.encodeText(text);
    return true;
  } catch {
    return false;
  }
};

/** The text as Helvetica can write it: WinAnsi characters kept, others reduced or replaced. */
function encodable(font: PDFFont, text: string): string {
  return [...text]
    .map((char) => {
      if (canWrite(font, char)) return char;
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      return base && canWrite(font, base) ? base : '?';
    })
    .join('');
}

/** Lines of at most `width` points, cut between words. */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export async function attestationsPdf(pages: AttestationPage[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Attestations de présence');
  pdf.setProducer('Atelier des transitions');
  pdf.setLanguage('fr-FR');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const width = A4.width - 2 * MARGIN;
  for (const attestation of pages) {
    const page = pdf.addPage([A4.width, A4.height]);
    let y = A4.height - MARGIN;
    const write = (text: string, options: { size?: number; font?: PDFFont; gap?: number } = {}) => {
      const size = options.size ?? 12;
      const font = options.font ?? regular;
      for (const line of wrap(font, encodable(font, text), size, width)) {
        y -= size * 1.4;
        page.drawText(line, { x: MARGIN, y, size, font, color: font === bold ? GREEN : rgb(0.1, 0.15, 0.12) });
      }
      y -= options.gap ?? 8;
    };
    write('Atelier des transitions', { font: bold, size: 14 });
    write('La Fabrique des transitions, association loi 1901', { size: 10, gap: 48 });
    write('Attestation de présence', { font: bold, size: 22, gap: 32 });
    write(`Nous attestons que ${attestation.personName} a participé à « ${attestation.eventTitle} »,`);
    write(`${attestation.when}, ${attestation.where},`);
    write(`organisé par ${attestation.organiser}.`, { gap: attestation.sessions.length > 0 ? 16 : 32 });
    if (attestation.sessions.length > 0) {
      write('Sessions suivies :', { size: 11, gap: 4 });
      for (const session of attestation.sessions) write(`– ${session}`, { size: 11, gap: 4 });
      y -= 24;
    }
    write('Sa présence a été relevée par les organisateur·ices de la séance.', { size: 11, gap: 48 });
    write(`Fait ${attestation.issuedOn}, pour servir et valoir ce que de droit.`, { size: 11 });
  }
  return pdf.save();
}
