import type { App } from '../app';

/**
 * Every "METHOD /path" in Fastify's router, read from `printRoutes` (the router's own tree:
 * each line is a segment under its parent, indented four characters per level). Reading the
 * router, rather than a list kept by hand, is what lets coverage tests see a new route.
 */
export function routerTable(app: App): string[] {
  const prefixes: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = line.match(/^(.*?)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/);
    if (!match) continue;
    const depth = [...match[1]!].length / 4;
    const path = (prefixes[depth - 1] ?? '') + match[2]!;
    prefixes[depth] = path;
    prefixes.length = depth + 1;
    for (const method of match[3]?.split(', ') ?? []) routes.push(`${method} ${path}`);
  }
  return routes;
}
