import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `route-preloads.json`, written by the client's build: for a page people open by its address,
 * the chunks and stylesheets of that page beyond what `index.html` loads.
 */
export interface RoutePreload {
  modules: string[];
  styles: string[];
}

/** Only built asset paths go into the page: nothing from the file can escape its attribute. */
const ASSET = /^\/assets\/[\w.-]+\.(js|css)$/;

/** `index.html` with the page's chunks named in its head, so they download alongside the entry. */
export function pageWithPreloads(indexHtml: string, preload: RoutePreload): string {
  const links = [
    ...preload.styles
      .filter((href) => ASSET.test(href))
      .map((href) => `<link rel="stylesheet" crossorigin href="${href}">`),
    ...preload.modules
      .filter((href) => ASSET.test(href))
      .map((href) => `<link rel="modulepreload" crossorigin href="${href}">`),
  ];
  return indexHtml.replace('</head>', `  ${links.join('\n    ')}\n  </head>`);
}

/**
 * Each listed path's page, built once at start; an absent or unreadable file leaves every path
 * on the plain `index.html` (the pages still work, their chunks just come later).
 */
export function readRoutePages(root: string, log: (error: unknown) => void): Map<string, string> {
  const pages = new Map<string, string>();
  const file = join(root, 'route-preloads.json');
  if (!existsSync(file)) return pages;
  try {
    const indexHtml = readFileSync(join(root, 'index.html'), 'utf8');
    const preloads = JSON.parse(readFileSync(file, 'utf8')) as Record<string, RoutePreload>;
    for (const [path, preload] of Object.entries(preloads)) {
      if (Array.isArray(preload?.modules) && Array.isArray(preload?.styles)) {
        pages.set(path, pageWithPreloads(indexHtml, preload));
      }
    }
  } catch (error) {
    log(error);
    pages.clear();
  }
  return pages;
}

/** `/agenda/?vue=mois` → `/agenda`: the key a page is listed under. */
export const pagePath = (url: string) => (url.split('?')[0] ?? url).replace(/(.)\/+$/, '$1');
