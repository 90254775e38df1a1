import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, VIEWPORTS, type ViewportName } from '../support/browser';
import { expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';
import { uniqueEmail } from '../support/http';

/**
 * WCAG 2.1 A/AA with axe-core on the public pages and the profile, on a laptop and on a phone,
 * plus a full-page screenshot of each in tests/output/ for a person to look at.
 */
const PAGES = [
  { name: 'accueil', path: '/', heading: "Bienvenue dans l'Atelier des transitions", signedIn: false },
  { name: 'inscription', path: '/inscription', heading: 'Créer un compte', signedIn: false },
  { name: 'connexion', path: '/connexion', heading: 'Connexion', signedIn: false },
  { name: 'profil', path: '/profil', heading: 'Mon profil', signedIn: true },
  { name: 'messages', path: '/messages', heading: 'Messages', signedIn: true },
  { name: 'agenda', path: '/agenda', heading: 'Agenda', signedIn: false },
  { name: 'agenda-mois', path: '/agenda?vue=mois', heading: 'Agenda', signedIn: false },
  { name: 'allie-es', path: '/allie-es', heading: 'Les allié·es', signedIn: false },
  { name: 'carte', path: '/carte', heading: 'La carte des territoires accompagnés', signedIn: false },
  { name: 'ressources', path: '/ressources', heading: 'Les ressources communes', signedIn: false },
  // `:document` is a shared document the visitor creates in Mise en récits after joining it.
  { name: 'document', path: '/espaces/mise-en-recits/documents/:document', heading: 'Notes partagées', signedIn: true },
] as const;

const suite = useBrowserSuite();

/** Joins Mise en récits and creates a document there with the signed-in visitor's session; its id. */
async function createDocument(page: Page, title: string): Promise<string> {
  const me = await page.request.get('/api/me');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': csrfToken };
  expect((await page.request.post('/api/spaces/mise-en-recits/join', { headers })).status()).toBe(200);
  const created = await page.request.post('/api/spaces/mise-en-recits/documents', { headers, data: { title } });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { document: { id: string } }).document.id;
}

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('accessibility on %s', (viewport) => {
  it.each(PAGES)('$name ($path) has no WCAG 2.1 A/AA violations', async (target) => {
    const { page, problems } = await suite.visitor(viewport);
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
    let path: string = target.path;
    if (path.includes(':document')) path = path.replace(':document', await createDocument(page, target.heading));

    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: target.heading }).waitFor();
    // Lists and cards load after the heading; judge the page once nothing is pending.
    await page.waitForLoadState('networkidle');
    await screenshot(page, `${target.name}-${viewport}`);
    await expectNoAxeViolations(page, `${path} at ${viewport}`);
    expect(problems).toEqual([]);
  });
});

describe('languages', () => {
  it('fetches English texts only once chosen, then shows every page in English', async () => {
    const { page, problems } = await suite.visitor();
    // Catalogues are `<name>.en-<hash>.js` chunks (lib/i18n.ts): none belongs to a French visit.
    const english: string[] = [];
    page.on('request', (request) => {
      const name = /\/assets\/([\w-]+)\.en-[\w-]+\.js$/.exec(request.url())?.[1];
      if (name) english.push(name);
    });

    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: "Bienvenue dans l'Atelier des transitions" }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(english).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome to the Atelier des transitions' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');

    // A page of another feature, in its own chunk: its English comes with it, before it shows.
    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(english).toEqual(expect.arrayContaining(['app', 'errors', 'home', 'accounts']));
    expect(english).not.toContain('documents');
    expect(problems).toEqual([]);
  });
});
