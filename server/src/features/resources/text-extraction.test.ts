import { describe, expect, it } from 'vitest';
import { documentsWithText } from '../../test/files';
import { createTextExtractor, toSearchableText, truncateUtf8 } from './text-extraction';

describe('toSearchableText', () => {
  it('makes one line of words: whitespace collapsed, control characters out', () => {
    expect(toSearchableText('  Réseaux\tde\r\n\nchaleur\u0000urbains\u0007 \u00a0 2026\u200b!  ')).toBe(
      'Réseaux de chaleur urbains 2026 !',
    );
  });

  it('removes the search marks, private use, invisible characters and broken surrogates', () => {
    expect(toSearchableText('\uE000ré\u00adseaux\uE001 \uF0B7 de\ufeff cha\ud800leur \ufffd\u200d')).toBe(
      'réseaux de chaleur',
    );
  });

  it('keeps at most the given UTF-8 bytes, never cutting a character', () => {
    expect(toSearchableText('été été été', 9)).toBe('été ét');
    expect(toSearchableText('été été', 6)).toBe('été');
    expect(truncateUtf8('é'.repeat(10), 5)).toBe('éé');
    expect(truncateUtf8('🔥🔥', 7)).toBe('🔥');
    expect(truncateUtf8('court', 2 * 1024 * 1024)).toBe('court');
  });
});

describe('createTextExtractor', () => {
  it('reads nothing of a type without text', async () => {
    const extractor = createTextExtractor();
    expect(await extractor.extract(Buffer.from('PNG'), 'image/png')).toEqual({ ok: true, text: '' });
    extractor.close();
  });

  it('stops a document that takes longer than its time', async () => {
    const extractor = createTextExtractor({ timeoutMs: 1 });
    const pdf = await documentsWithText.pdf(['Réseaux de chaleur']);
    expect(await extractor.extract(pdf, 'application/pdf')).toEqual({ ok: false, reason: 'no text after 1 ms' });
    extractor.close();
  });

  it('throws, rather than fail the document, when its process cannot start: its job is tried again', async () => {
    const extractor = createTextExtractor({ startTimeoutMs: 1 });
    const pdf = await documentsWithText.pdf(['Réseaux de chaleur']);
    await expect(extractor.extract(pdf, 'application/pdf')).rejects.toThrow('did not start in 1 ms');
    extractor.close();
  });

  it('throws once closed, rather than fail the document: its job is tried again', async () => {
    const extractor = createTextExtractor();
    const reading = extractor.extract(await documentsWithText.pdf(['Réseaux de chaleur']), 'application/pdf');
    extractor.close();
    await expect(reading).rejects.toThrow('the text extractor was closed');
    await expect(extractor.extract(Buffer.from('%PDF'), 'application/pdf')).rejects.toThrow('closed');
  });
});
