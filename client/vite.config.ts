/// <reference types="vitest/config" />
import { defineConfig, type ProxyOptions } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';
import { firstPageChunk } from './build/first-page-chunk.ts';
import { routePreloads } from './build/route-preloads.ts';

const SERVER = process.env.ATELIER_SERVER ?? 'http://localhost:3000';

/**
 * The server refuses state-changing requests whose Origin is another site. In development the
 * page comes from Vite's port, so the proxy presents the request as coming from the server's own
 * origin, as it will in production where one process serves both.
 */
const toServer = (ws = false): ProxyOptions => ({
  target: SERVER,
  ws,
  configure: (proxy) => {
    proxy.on('proxyReq', (request) => {
      if (request.getHeader('origin')) request.setHeader('origin', SERVER);
    });
  },
});

const proxy: Record<string, ProxyOptions> = {
  '/api': toServer(),
  '/socket.io': toServer(true),
  '/collab': toServer(true),
  '/metrics': toServer(),
  // `/dev/boite-mail` is a page of this app; other `/dev/*` paths belong to the server.
  '^/dev/(?!boite-mail)': toServer(),
};

/** Mirrors the policy the server enforces, so `vite preview` shows CSP violations early. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

/**
 * Pages people open by their address (shared links, bookmarks, search results): the server
 * names their chunks in the page it sends for them (see build/route-preloads.ts).
 */
const ADDRESSABLE_PAGES = {
  '/espaces': 'src/features/spaces/spaces.page.tsx',
  '/agenda': 'src/features/events/agenda.page.tsx',
  '/connexion': 'src/features/accounts/sign-in.page.tsx',
  '/inscription': 'src/features/accounts/sign-up.page.tsx',
};

const firstPage = firstPageChunk();

/**
 * The installable app: its manifest (linked from index.html by the plugin) and the service
 * worker `sw/sw.ts`, built to `dist/sw.js` with the list of files to precache: the shell a page
 * needs to open offline (index.html, the first page's script and styles, the offline notice's
 * chunk, the icons). Other chunks are kept as pages are read. `src/main.tsx` registers the
 * worker itself, after the page has loaded, from a chunk of its own (`features/pwa`).
 */
const pwa = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'sw',
  filename: 'sw.ts',
  injectRegister: false,
  // The icons are in the globs below; the plugin would list them a second time.
  includeManifestIcons: false,
  manifest: {
    id: '/',
    name: 'Atelier des transitions',
    short_name: 'Atelier',
    description:
      'La plateforme de l’alliance de la Fabrique des transitions pour les territoires en transition écologique.',
    lang: 'fr',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    // --c-green-800 and --c-bg of src/styles/base.css.
    theme_color: '#1a5235',
    background_color: '#f6f9f6',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  injectManifest: {
    globPatterns: [
      'index.html',
      'favicon.svg',
      'icons/*.png',
      'assets/index-*.{js,css}',
      'assets/pwa-*.{js,css}',
      'assets/pwa.en-*.js',
    ],
  },
  devOptions: { enabled: false },
});

export default defineConfig({
  plugins: [solid(), firstPage.plugin, routePreloads(ADDRESSABLE_PAGES), pwa],
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy, headers: { 'Content-Security-Policy': CSP } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    sourcemap: false,
    rolldownOptions: { output: { codeSplitting: { groups: [firstPage.group] } } },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
