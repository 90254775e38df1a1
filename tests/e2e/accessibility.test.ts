import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  captureEvidence,
  formatViolations,
  launchBrowser,
  newVisitor,
  screenshot,
  VIEWPORTS,
  type ViewportName,
} from '../support/browser';
import { uniqueEmail } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * WCAG 2.1 A/AA with axe-core on the public pages and the profile, on a laptop and on a phone,
 * plus a full-page screenshot of each in tests/output/ for a person to look at.
 */
const PAGES = [
  { name: 'accueil', path: '/', heading: "Bienvenue dans l'Atelier des transitions", signedIn: false },
  { name: 'inscription', path: '/inscription', heading: 'Créer un compte', signedIn: false },
  { name: 'connexion', path: '/connexion', heading: 'Connexion', signedIn: false },
  { name: 'profil', path: '/profil', heading: 'Mon profil', signedIn: true },
] as const;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    for (const page of context?.pages() ?? []) await captureEvidence(page, task.name);
  }
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('accessibility on %s', (viewport) => {
  it.each(PAGES)('$name ($path) has no WCAG 2.1 A/AA violations', async (target) => {
    const visitor = await newVisitor(browser, server.url, viewport);
    context = visitor.context;
    const { page, problems } = visitor;
    if (target.signedIn) {
      const response = await page.request.post('/api/auth/register', {
        data: {
          email: uniqueEmail('a11y'),
          password: 'mot-de-passe-accessible',
          displayName: 'Dominique Lecteur',
          acceptCharter: true,
        },
      });
      expect(response.status(), await response.text()).toBe(201);
    }

    await page.goto(target.path);
    await page.getByRole('heading', { level: 1, name: target.heading }).waitFor();
    // Lists and cards load after the heading; judge the page once nothing is pending.
    await page.waitForLoadState('networkidle');
    await screenshot(page, `${target.name}-${viewport}`);

    const violations = await axeViolations(page);
    expect(violations.length, formatViolations(`${target.path} at ${viewport}`, violations)).toBe(0);
    expect(problems).toEqual([]);
  });
});
