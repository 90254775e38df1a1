/**
 * Each person's colour in a shared document: their caret, its name tag and the dot beside
 * their name in "who is here". Derived from the user id, so a person keeps the same colour in
 * every window and on every device without anything being stored.
 *
 * A fixed palette rather than any hue: every colour carries white text at 4.5:1 or more
 * (the caret's name tag), and the page may style them through classes, since the CSP forbids
 * inline style attributes (`caretClass`).
 */
export const CARET_COLORS = [
  '#1a5235', // green
  '#1c4866', // blue
  '#8a1c4a', // raspberry
  '#7a3e00', // brown
  '#5b2a86', // purple
  '#a3161b', // red
  '#0f5757', // teal
  '#51497a', // slate
] as const;

export type CaretColor = (typeof CARET_COLORS)[number];

/** FNV-1a, 32 bits: small, stable across browsers, well spread for short ids. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

export function caretColorIndex(userId: string): number {
  return hash(userId) % CARET_COLORS.length;
}

export function caretColor(userId: string): CaretColor {
  return CARET_COLORS[caretColorIndex(userId)] as CaretColor;
}

/**
 * The class that paints a colour (`caret-color-3`). Colours that are not from the palette
 * (another client's awareness state is outside data) get the neutral class.
 */
export function caretClass(color: unknown): string {
  const index = CARET_COLORS.indexOf(color as CaretColor);
  return index === -1 ? 'caret-color-none' : `caret-color-${index}`;
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio between two `#rrggbb` colours. */
export function contrast(first: string, second: string): number {
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
