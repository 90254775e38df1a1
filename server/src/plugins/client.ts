import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { pagePath, readRoutePages } from './client/route-preloads';
import { errorBody } from './errors';

export const CLIENT_DIST = fileURLToPath(new URL('../../../client/dist', import.meta.url));

const isApiPath = (url: string) => /^\/(api|socket\.io|collab|metrics)(\/|\?|$)/.test(url);

/**
 * Requests for a file rather than a page: a missing hashed asset (an old chunk after a
 * deployment), a well-known resource, or a name with a file extension (`/favicon.ico`,
 * `/sitemap.xml`). They get a 404, not the page with a 200: crawlers, browsers and module
 * imports would otherwise read HTML as the file they asked for. Pages never have extensions.
 */
const FILE_EXTENSION = /\.(txt|xml|ico|png|jpe?g|gif|svg|webp|avif|json|webmanifest|m?js|css|map|woff2?)$/i;
const isFilePath = (url: string) => {
  const path = url.split('?')[0] ?? url;
  return path.startsWith('/assets/') || path.startsWith('/.well-known/') || FILE_EXTENSION.test(path);
};

/**
 * Serves the built client: hashed assets cached for a year, index.html and the files of
 * `client/public` (robots.txt, favicon) always revalidated, responses compressed. Unknown /api
 * paths and missing files answer a JSON 404; every other GET gets the client, whose router
 * decides (history routing). The pages listed in `route-preloads.json` get an index.html that
 * also names their own chunks (see client/build/route-preloads.ts).
 */
export const clientPlugin = fp(
  async (app: FastifyInstance, options: { root?: string } = {}) => {
    const root = options.root ?? CLIENT_DIST;
    const built = existsSync(`${root}/index.html`);
    await app.register(compress, { threshold: 1024 });
    const routePages = built
      ? readRoutePages(root, (error) => app.log.warn({ err: error }, 'route-preloads.json unreadable: ignored'))
      : new Map<string, string>();

    if (built) {
      await app.register(fastifyStatic, {
        root,
        wildcard: false,
        index: false,
        setHeaders: (res, path) => {
          const hashed = path.includes('/assets/');
          res.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    } else {
      app.log.warn({ root }, 'client not built: only the API is served (run `pnpm build`)');
    }

    app.setNotFoundHandler((request, reply) => {
      const wantsPage = request.method === 'GET' || request.method === 'HEAD';
      if (built && wantsPage && !isApiPath(request.url) && !isFilePath(request.url)) {
        reply.header('cache-control', 'no-cache');
        const page = routePages.get(pagePath(request.url));
        return page ? reply.type('text/html; charset=utf-8').send(page) : reply.sendFile('index.html');
      }
      return reply.status(404).send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]}`));
    });
  },
  { name: 'client' },
);
