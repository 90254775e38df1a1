import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from './app';
import { commentsMatrix } from './matrices/comments';
import { discussionsMatrix } from './matrices/discussions';
import { documentsMatrix } from './matrices/documents';
import { eventsMatrix } from './matrices/events';
import { messagesMatrix } from './matrices/messages';
import { moderationMatrix } from './matrices/moderation';
import { newslettersMatrix } from './matrices/newsletters';
import { questionsMatrix } from './matrices/questions';
import { resourcesMatrix } from './matrices/resources';
import { spacesMatrix } from './matrices/spaces';
import { tokensMatrix } from './matrices/tokens';
import { webhooksMatrix } from './matrices/webhooks';
import { type MatrixTable, routeKey } from './matrix';
import { routerTable } from './route-table';

/**
 * Every API route of the real router is in an access matrix, or exempt here with the test
 * file that checks who may call it. A new route fails this test until someone decides which.
 */

const MATRICES: MatrixTable[] = [
  spacesMatrix,
  discussionsMatrix,
  documentsMatrix,
  commentsMatrix,
  resourcesMatrix,
  eventsMatrix,
  questionsMatrix,
  newslettersMatrix,
  moderationMatrix,
  tokensMatrix,
  webhooksMatrix,
  messagesMatrix,
];

const SRC = join(import.meta.dirname, '..');

/** Routes outside the matrices: why, and the test file (under src/) that checks their access. */
const EXEMPT: Record<string, { why: string; test: string }> = {
  // Open to everyone by design: nothing in them depends on a space.
  'GET /api/health': { why: 'liveness probe of the load balancer', test: 'features/health/health.test.ts' },
  'GET /api/permanence/next': {
    why: 'the alliance’s next permanence, announced to all',
    test: 'features/events/events.routes.test.ts',
  },
  ...Object.fromEntries(
    [
      'GET /api/docs',
      'GET /api/docs/',
      'GET /api/docs/*',
      'GET /api/docs/json',
      'GET /api/docs/yaml',
      'GET /api/docs/static/index.html',
      'GET /api/docs/static/swagger-initializer.js',
    ].map((route) => [route, { why: 'the OpenAPI document and its viewer', test: 'plugins/operations.test.ts' }]),
  ),
  'GET /api/dev/mailbox': {
    why: 'development only; in production the path does not exist',
    test: 'features/mailbox/mailbox.test.ts',
  },
  ...Object.fromEntries(
    ['GET /api/dev/demo-people', 'POST /api/dev/demo-people/:id/session'].map((route) => [
      route,
      { why: 'development only, the demo’s fictitious people alone', test: 'features/seed/demo.service.test.ts' },
    ]),
  ),

  // Accounts: signing up, in and out, and one's own profile — about the caller, not a space.
  ...Object.fromEntries(
    [
      'POST /api/auth/register',
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'GET /api/session',
      'GET /api/me',
      'PATCH /api/me',
    ].map((route) => [route, { why: 'one’s own account', test: 'features/accounts/accounts.test.ts' }]),
  ),
  ...Object.fromEntries(
    ['GET /api/auth/oidc/start', 'GET /api/auth/oidc/callback', 'POST /api/me/charter'].map((route) => [
      route,
      { why: 'signing in through the OpenID provider, then one’s own charter', test: 'features/oidc/oidc.test.ts' },
    ]),
  ),
  ...Object.fromEntries(
    ['PUT /api/me/avatar', 'DELETE /api/me/avatar'].map((route) => [
      route,
      { why: 'one’s own profile picture', test: 'features/accounts/avatars.test.ts' },
    ]),
  ),
  ...Object.fromEntries(
    [
      'GET /api/me/notification-settings',
      'PUT /api/me/notification-settings',
      'PUT /api/me/notification-settings/spaces/:slug',
    ].map((route) => [
      route,
      {
        why: 'one’s own mail settings (a space one is not in: 404)',
        test: 'features/mail-settings/mail-settings.test.ts',
      },
    ]),
  ),
  ...Object.fromEntries(
    ['POST /api/unsubscribe/:token', 'POST /api/unsubscribe/:token/undo'].map((route) => [
      route,
      {
        why: 'a signed token for one person and one list, no session',
        test: 'features/mail-settings/mail-settings.test.ts',
      },
    ]),
  ),
  'GET /api/push/public-key': {
    why: 'the VAPID public key, public by nature: browsers subscribe with it',
    test: 'features/push/push.test.ts',
  },
  ...Object.fromEntries(
    ['GET /api/me/push-subscriptions', 'POST /api/me/push-subscriptions', 'DELETE /api/me/push-subscriptions/:id'].map(
      (route) => [route, { why: 'one’s own devices (anyone else’s: 404)', test: 'features/push/push.test.ts' }],
    ),
  ),
  'GET /api/users/:id/avatar': {
    why: 'a person’s picture goes where their name does: their own, the directory’s, their posts’ readers',
    test: 'features/accounts/avatars.test.ts',
  },
  ...Object.fromEntries(
    [
      'POST /api/auth/mail-link',
      'POST /api/auth/mail-link/verify',
      'POST /api/auth/password-reset',
      'POST /api/auth/password-reset/confirm',
      'POST /api/me/password',
    ].map((route) => [route, { why: 'one’s own account, by mail', test: 'features/accounts/mail-sign-in.test.ts' }]),
  ),
  'GET /api/directory/people': {
    why: 'signed-in people only; who is listed is each person’s opt-in, not a space’s visibility',
    test: 'features/directory/directory.routes.test.ts',
  },
  ...Object.fromEntries(
    [
      'GET /api/organisations',
      'GET /api/organisations/:slug',
      'POST /api/organisations',
      'PATCH /api/organisations/:slug',
      'POST /api/organisations/:slug/affiliation',
      'DELETE /api/organisations/:slug/affiliation',
      'POST /api/organisations/:slug/affiliations/:userId/confirm',
      'POST /api/organisations/:slug/affiliations/:userId/decline',
      'PUT /api/organisations/:slug/referents/:userId',
      'DELETE /api/organisations/:slug/referents/:userId',
      'PUT /api/organisations/:slug/logo',
      'DELETE /api/organisations/:slug/logo',
      'GET /api/organisations/:slug/logo',
    ].map((route) => [
      route,
      {
        why: 'organisations are not spaces: their own matrix (anonymous, member, asking, linked, referent, admin)',
        test: 'features/organisations/organisations.matrix.test.ts',
      },
    ]),
  ),
  ...Object.fromEntries(
    [
      'GET /api/territories',
      'POST /api/territories',
      'PATCH /api/territories/:id',
      'PUT /api/territories/:id/team/:role',
      'DELETE /api/territories/:id/team/:role',
    ].map((route) => [
      route,
      {
        why: 'territories are not spaces: their own matrix (anonymous, member, member or animateur of its space, admin)',
        test: 'features/territories/territories.matrix.test.ts',
      },
    ]),
  ),
  ...Object.fromEntries(
    [
      'GET /api/publications',
      'GET /api/publications/:id',
      'GET /api/publications/:id/file',
      'POST /api/publications',
      'DELETE /api/publications/:id',
    ].map((route) => [
      route,
      {
        why: 'the commons are public; publishing is judged on the source’s space: their own matrix',
        test: 'features/publications/publications.matrix.test.ts',
      },
    ]),
  ),
  'GET /api/search': {
    why: 'one route over every space: what each person finds is its own matrix (who × visibility)',
    test: 'features/search/search.matrix.test.ts',
  },
  'GET /api/me/home': {
    why: 'the caller’s own « Pour vous », from their spaces and registrations only',
    test: 'features/home/home.test.ts',
  },
  'GET /api/directory/organisations': {
    why: 'built from the same opted-in people',
    test: 'features/directory/directory.routes.test.ts',
  },
  'GET /api/admin/audit': {
    why: 'admins only, about no space (canReadAudit)',
    test: 'features/audit/audit.test.ts',
  },
  ...Object.fromEntries(
    ['POST /api/me/export', 'GET /api/me/export', 'DELETE /api/me'].map((route) => [
      route,
      { why: 'one’s own data (or the mailed token of one’s own export)', test: 'features/privacy/privacy.test.ts' },
    ]),
  ),
  'POST /api/admin/digests/run': {
    why: 'admins only, about no space; the digests it sends are built through the policy',
    test: 'features/digests/digests.test.ts',
  },
  'POST /api/notifications/:id/read': {
    why: 'one’s own notification; anyone else’s is 404',
    test: 'features/discussions/discussions.test.ts',
  },

  // Authorised by a secret token rather than a session.
  'POST /api/registrations/cancel': {
    why: 'the one-click cancel link of the mails',
    test: 'features/events/registrations/registrations.test.ts',
  },
  'POST /api/guest-registrations/confirm': {
    why: 'the link mailed to a guest; it names one request',
    test: 'features/events/guests/guests.test.ts',
  },
  'GET /api/calendar/:file': {
    why: 'a personal calendar feed, named by its token',
    test: 'features/events/calendar/calendar.test.ts',
  },

  // Rooms: the HTTP fallback of socket replay, decided by the rooms' policy for any room kind.
  'GET /api/realtime/replay': { why: 'room access, as for socket subscribe', test: 'plugins/realtime.access.test.ts' },
};

describe('access-matrix coverage of the route table', () => {
  let ctx: TestContext;
  let routes: string[];
  const inMatrices = new Set(MATRICES.flatMap((matrix) => matrix.routes.map(routeKey)));

  beforeAll(async () => {
    ctx = await createTestApp();
    // HEAD answers as its GET does; Fastify adds it to every GET route.
    routes = routerTable(ctx.app).filter((route) => route.includes(' /api/') && !route.startsWith('HEAD '));
  });
  afterAll(() => ctx.close());

  it('reads the real router (sanity: known routes are there)', () => {
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'DELETE /api/spaces/:slug/membership',
        'POST /api/questions/:id/vote',
      ]),
    );
    expect(routes.length).toBeGreaterThan(80);
  });

  it('puts every /api route in an access matrix, or exempts it with the test that checks its access', () => {
    expect(routes.filter((route) => !inMatrices.has(route) && !EXEMPT[route])).toEqual([]);
  });

  it('has matrices of real routes only', () => {
    expect([...inMatrices].filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('exempts only routes that exist and no matrix covers, naming test files that exist', () => {
    const stale = Object.entries(EXEMPT).flatMap(([route, { test }]) => [
      ...(routes.includes(route) ? [] : [`${route}: no such route`]),
      ...(inMatrices.has(route) ? [`${route}: in a matrix, no exemption needed`] : []),
      ...(existsSync(join(SRC, test)) ? [] : [`${route}: ${test} does not exist`]),
    ]);
    expect(stale).toEqual([]);
  });
});
