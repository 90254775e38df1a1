/// <reference types="vitest/config" />
import { defineConfig, type ProxyOptions } from 'vite';
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

export default defineConfig({
  plugins: [solid(), firstPage.plugin, routePreloads(ADDRESSABLE_PAGES)],
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
