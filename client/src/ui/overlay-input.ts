import type { JSX } from 'solid-js';

/**
 * Kobalte hides the native checkbox or radio as a 1 px clipped box. We lay it, transparent,
 * exactly over the drawn control instead: a click or tap on the box (and any tool that clicks
 * the real input) reaches the native control, which keeps its role, label and states.
 * Applied through Kobalte's `style` prop, i.e. by script (CSSOM), which the CSP allows.
 */
export const overlayInputStyle = (size: string): JSX.CSSProperties => ({
  clip: 'auto',
  'clip-path': 'none',
  width: size,
  height: size,
  margin: '0',
  opacity: '0',
  cursor: 'pointer',
  'z-index': '1',
});
