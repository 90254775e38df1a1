import { describe, expect, it } from 'vitest';
import { CARET_COLORS, caretClass, caretColor, caretColorIndex, contrast } from './caret-colors';

describe('caret colours', () => {
  it('gives a person the same colour every time', () => {
    const id = '0195f2a4-7c1e-7b7a-9d3e-2f1a6c0b9e11';
    expect(caretColor(id)).toBe(caretColor(id));
    expect(CARET_COLORS).toContain(caretColor(id));
  });

  it('spreads people over the whole palette', () => {
    const used = new Set<number>();
    for (let n = 0; n < 200; n++) used.add(caretColorIndex(`user-${n}`));
    expect(used.size).toBe(CARET_COLORS.length);
  });

  it('gives neighbouring ids different colours often enough to tell two people apart', () => {
    const pairs = Array.from({ length: 100 }, (_, n) => [`user-${n}`, `user-${n + 1}`] as const);
    const distinct = pairs.filter(([a, b]) => caretColor(a) !== caretColor(b)).length;
    expect(distinct).toBeGreaterThan(70);
  });

  it('keeps white name tags readable on every colour (4.5:1)', () => {
    for (const color of CARET_COLORS) expect(contrast(color, '#ffffff'), color).toBeGreaterThanOrEqual(4.5);
  });

  it('maps palette colours to classes and anything else to the neutral class', () => {
    expect(caretClass(CARET_COLORS[3])).toBe('caret-color-3');
    expect(caretClass('#123456')).toBe('caret-color-none');
    expect(caretClass('red; background: url(x)')).toBe('caret-color-none');
    expect(caretClass(undefined)).toBe('caret-color-none');
  });
});
