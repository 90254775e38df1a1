import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import {
  axeViolations,
  captureEvidence,
  formatViolations,
  launchBrowser,
  newVisitor,
  type ViewportName,
} from './browser';
import { loginUser, rawRequest, type Session, uniqueEmail } from './http';
import { type RunningServer, startServer } from './server';

/** The admin account a suite asks for: created by the server at start (ADMIN_EMAIL). */
export const ADMIN = { email: 'admin-e2e@exemple.fr', password: 'admin-e2e-2026-mot-de-passe' };

export interface Visitor {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

export interface Person extends Visitor {
  csrfToken: string;
  userId: string;
  email: string;
  password: string;
}

export interface BrowserSuite {
  /** The real server of this file (its own embedded database). */
  server(): RunningServer;
  browser(): Browser;
  /** A French-speaking visitor with a fresh cookie jar; closed after each test. */
  visitor(viewport?: ViewportName): Promise<Visitor>;
  /** A new person signed up through the API in their own browser context, member of `join`. */
  person(displayName: string, options?: { join?: string[]; viewport?: ViewportName }): Promise<Person>;
  /** An API call as the admin (the suite must be started with `{ admin: true }`). */
  asAdmin(method: string, path: string, body?: unknown): Promise<unknown>;
}

/**
 * The set-up every browser test file shares: one server and one Chromium for the file, a
 * fresh context per visitor, evidence (screenshot, URL, text) of every page when a test fails,
 * and everything closed after each test and at the end. Call it at the top of the file.
 */
export function useBrowserSuite(options: { admin?: boolean; env?: Record<string, string> } = {}): BrowserSuite {
  let server: RunningServer;
  let browser: Browser;
  let admin: Session | undefined;
  const opened: Visitor[] = [];

  beforeAll(async () => {
    const env = {
      ...(options.admin ? { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } : {}),
      ...options.env,
    };
    // The browser starts while the server does; whichever started is closed after a failure.
    const [started, launched] = await Promise.allSettled([startServer(env), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const outcome of [started, launched]) if (outcome.status === 'rejected') throw outcome.reason;
    if (options.admin) admin = await loginUser(server.url, ADMIN.email, ADMIN.password);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      for (const [index, { context }] of opened.entries()) {
        for (const page of context.pages()) await captureEvidence(page, `${task.name}-${index}`);
      }
    }
    await Promise.all(opened.splice(0).map(({ context }) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const visitor = async (viewport: ViewportName = 'desktop') => {
    const next = await newVisitor(browser, server.url, viewport);
    opened.push(next);
    return next;
  };

  return {
    server: () => server,
    browser: () => browser,
    visitor,
    async person(displayName, { join = [], viewport = 'desktop' } = {}) {
      const next = await visitor(viewport);
      const email = uniqueEmail('e2e');
      const password = 'un-mot-de-passe-solide';
      const registered = await next.page.request.post('/api/auth/register', {
        data: { email, password, displayName, acceptCharter: true },
      });
      expect(registered.status(), await registered.text()).toBe(201);
      const { csrfToken, user } = (await registered.json()) as { csrfToken: string; user: { id: string } };
      for (const slug of join) {
        const joined = await next.page.request.post(`/api/spaces/${slug}/join`, {
          headers: { 'x-csrf-token': csrfToken },
        });
        expect(joined.status(), await joined.text()).toBe(200);
      }
      return { ...next, csrfToken, userId: user.id, email, password };
    },
    async asAdmin(method, path, body) {
      if (!admin) throw new Error('this suite has no admin: useBrowserSuite({ admin: true })');
      const response = await rawRequest(server.url, {
        method,
        path,
        headers: {
          cookie: admin.cookie,
          'x-csrf-token': admin.csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(response.status, `${method} ${path}: ${response.text}`).toBeLessThan(300);
      return response.text ? (JSON.parse(response.text) as unknown) : null;
    },
  };
}

/** axe-core (WCAG 2.1 A/AA) finds nothing on the page once it has settled. */
export async function expectNoAxeViolations(page: Page, where: string) {
  await page.waitForLoadState('networkidle');
  const violations = await axeViolations(page);
  expect(violations.length, formatViolations(where, violations)).toBe(0);
}
