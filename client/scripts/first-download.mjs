#!/usr/bin/env node
/**
 * The home page's first download, after `vite build`: the entry script, every module it
 * preloads and the stylesheets that `dist/index.html` names, gzipped one by one (as a server
 * compresses them) and summed. Fails past the budget the README sets for the home page.
 *
 *   node scripts/first-download.mjs            # table + total, exit 1 past the budget
 *   node scripts/first-download.mjs --json     # machine-readable
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 100 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const assets = [
  ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
  ...html.matchAll(/<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g),
].map((match) => match[1]);

const rows = [...new Set(assets)].map((path) => {
  const bytes = readFileSync(join(dist, path));
  return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ total, budget: BUDGET_BYTES, rows }, null, 2));
} else {
  for (const row of rows.sort((a, b) => b.gzip - a.gzip)) console.log(`${kb(row.gzip).padStart(9)}  ${row.path}`);
  console.log(`${kb(total).padStart(9)}  gzip total (budget ${kb(BUDGET_BYTES)})`);
}
if (total > BUDGET_BYTES) {
  console.error(`The home page's first download is ${kb(total)}, over its ${kb(BUDGET_BYTES)} budget.`);
  process.exit(1);
}
