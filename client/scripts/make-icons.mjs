#!/usr/bin/env node
/**
 * The installable app's icons, drawn from the brand mark of `public/favicon.svg`, written as
 * PNG files into `public/icons/` (kept in the repository: the build only copies them).
 *
 *   node scripts/make-icons.mjs      # after changing favicon.svg
 *
 * `any` icons keep the favicon's rounded square; the `maskable` one and Apple's touch icon
 * fill the whole square with the background colour (the system cuts its own shape), the mark
 * staying inside the central safe zone (a circle of 80 % of the side). Rendered by sharp,
 * which the server already depends on (resolved from there: the client needs it for nothing else).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const client = join(dirname(fileURLToPath(import.meta.url)), '..');
const sharp = createRequire(join(client, '..', 'server', 'package.json'))('sharp');
const favicon = readFileSync(join(client, 'public', 'favicon.svg'), 'utf8');
// Full bleed: the same mark on a square without rounded corners.
const fullBleed = favicon.replace(/<rect([^>]*) rx="[^"]*"/, '<rect$1');
if (fullBleed === favicon) throw new Error('favicon.svg: expected a rounded <rect> background');

const icons = [
  { file: 'icon-192.png', svg: favicon, size: 192 },
  { file: 'icon-512.png', svg: favicon, size: 512 },
  { file: 'icon-maskable-512.png', svg: fullBleed, size: 512 },
  { file: 'apple-touch-icon.png', svg: fullBleed, size: 180 },
];
for (const { file, svg, size } of icons) {
  const png = await sharp(Buffer.from(svg), { density: Math.ceil((72 * size) / 32) })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();
  writeFileSync(join(client, 'public', 'icons', file), png);
  console.log(`public/icons/${file}  ${size}×${size}  ${png.length} bytes`);
}
