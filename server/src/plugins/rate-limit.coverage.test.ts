import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../test/app';
import { routerTable } from '../test/route-table';

/**
 * State-changing API routes that spend no quota, each with the reason. Keep it short: a route
 * that creates something, sends mail or changes what others see belongs in the quota table.
 */
const EXEMPT: Record<string, string> = {
  'POST /api/auth/logout': 'ends the caller’s own session; a limit could only keep someone signed in',
  'POST /api/threads/:id/read': 'read marker: moves one row per person and thread forward, sent while reading',
  'POST /api/spaces/:slug/read-all': 'read marker: the same rows, for every thread of a space',
  'POST /api/notifications/read-all': 'read marker on one’s own notifications, nothing created',
  'POST /api/notifications/:id/read': 'read marker on one’s own notification, nothing created',
  'POST /api/conversations/:id/read': 'read marker: moves one row per person and conversation forward',
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('rate-limit coverage of the route table', () => {
  let ctx: TestContext;
  let routes: string[];
  beforeAll(async () => {
    ctx = await createTestApp({ RATE_LIMITS: 'on' });
    routes = routerTable(ctx.app).filter((route) => {
      const [method, path] = route.split(' ');
      return STATE_CHANGING.has(method!) && path!.startsWith('/api/');
    });
  });
  afterAll(() => ctx.close());

  it('reads the real router (sanity: known routes are there)', () => {
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'DELETE /api/spaces/:slug/membership',
        'PUT /api/events/:id/attendance/:userId',
      ]),
    );
    expect(routes.length).toBeGreaterThan(40);
  });

  it('limits every POST, PUT, PATCH and DELETE under /api, or lists it as exempt with a reason', () => {
    const declared = new Map(ctx.app.limits.routes.map((route) => [`${route.method} ${route.url}`, route.quota]));
    const problems = routes.flatMap((route) => {
      if (!declared.has(route)) return [`${route}: registered where the rate-limit plugin cannot see it`];
      const quota = declared.get(route);
      if (quota && EXEMPT[route]) return [`${route}: spends '${quota}' yet is listed as exempt`];
      if (!quota && !EXEMPT[route]) return [`${route}: spends no quota (add config: { quota } or an exemption)`];
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('lists no exemption for a route that does not exist', () => {
    expect(Object.keys(EXEMPT).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('documents the 429 answer on every limited route', async () => {
    const spec = (await ctx.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const limited = ctx.app.limits.routes.filter((route) => route.quota && STATE_CHANGING.has(route.method));
    const undocumented = limited.filter((route) => {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      return !spec.paths[path]?.[route.method.toLowerCase()]?.responses['429'];
    });
    expect(undocumented.map((route) => `${route.method} ${route.url}`)).toEqual([]);
  });
});
