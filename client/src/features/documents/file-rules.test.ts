import { FILE_MAX_BYTES } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { FILE_ACCEPT, fileProblem, formatBytes, typeLabel } from './file-rules';

describe('file checks before upload', () => {
  it('accepts a file up to the limit and refuses one byte more', () => {
    expect(fileProblem({ size: FILE_MAX_BYTES })).toBeNull();
    expect(fileProblem({ size: FILE_MAX_BYTES + 1 })).toBe('too_large');
    expect(fileProblem({ size: 0 })).toBe('empty');
    expect(fileProblem({ size: 12 })).toBeNull();
  });

  it('writes sizes the French and the English way', () => {
    expect(formatBytes(512, 'fr')).toBe('512\u00a0o');
    expect(formatBytes(1536, 'fr')).toBe('1,5\u00a0ko');
    expect(formatBytes(1536, 'en')).toBe('1.5\u00a0KB');
    expect(formatBytes(FILE_MAX_BYTES, 'fr')).toBe('20\u00a0Mo');
  });

  it('lets the picker offer PDFs, office documents and images', () => {
    for (const wanted of ['application/pdf', '.odt', '.docx', 'image/png', '.jpg'])
      expect(FILE_ACCEPT).toContain(wanted);
    expect(typeLabel('application/pdf')).toBe('PDF');
    expect(typeLabel('application/x-unknown')).toBe('application/x-unknown');
  });
});
