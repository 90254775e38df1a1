import { documentsWithText } from '@atelier/server/src/test/files';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ACTION_TIMEOUT_MS, screenshot, VIEWPORTS, watchPage } from '../support/browser';
import { expectNoAxeViolations, type Person, useBrowserSuite } from '../support/browser-suite';
import { rawRequest, registerUser, type Session } from '../support/http';

const suite = useBrowserSuite({ admin: true });

const SPACE = 'mise-en-recits';
const OTHER_SPACE = 'voyages-apprenants';
const THREAD_TITLE = 'Réseaux de chaleur et PCAET';
const OTHER_THREAD_TITLE = 'Chaleur renouvelable : un voyage apprenant';
/** Posts beyond the thread's first: with the thread, its first post and the link, one page (20) and more. */
const EXTRA_POSTS = 22;

async function call(session: Session, method: string, path: string, body?: unknown) {
  const response = await rawRequest(suite.server().url, {
    method,
    path,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${path}: ${response.text}`).toBeLessThan(300);
  return response.text ? (JSON.parse(response.text) as unknown) : null;
}

/**
 * What the searches find, written through the API by someone else: in Mise en récits a thread
 * about « réseaux de chaleur » and the PCAET, its answers, a shared link; in another public
 * space a thread on « chaleur renouvelable » (as is the link), which a search limited to Mise en
 * récits must leave out. Once per file.
 */
let seeded: Promise<void> | undefined;
const seed = () => {
  seeded ??= (async () => {
    const author = await registerUser(suite.server().url, { displayName: 'Sam Semeur' });
    for (const slug of [SPACE, OTHER_SPACE]) await call(author, 'POST', `/api/spaces/${slug}/join`);
    const { thread } = (await call(author, 'POST', `/api/spaces/${SPACE}/threads`, {
      title: THREAD_TITLE,
      body: '<p>Comment raccorder nos réseaux de chaleur au plan climat-air-énergie territorial ?</p>',
    })) as { thread: { id: string } };
    for (let index = 1; index <= EXTRA_POSTS; index++) {
      await call(author, 'POST', `/api/threads/${thread.id}/posts`, {
        body: `<p>Retour n° ${index} sur les réseaux de chaleur de notre territoire.</p>`,
      });
    }
    await call(author, 'POST', `/api/spaces/${SPACE}/links`, {
      url: 'https://www.example.org/guide-chaleur',
      title: 'Guide des réseaux de chaleur',
      description: 'Le fonds chaleur renouvelable expliqué aux élu·es.',
    });
    await call(author, 'POST', `/api/spaces/${OTHER_SPACE}/threads`, {
      title: OTHER_THREAD_TITLE,
      body: '<p>Visite d’une chaufferie bois au printemps.</p>',
    });
  })();
  return seeded;
};

/**
 * The person's session in a context without the service worker: its network-first cache of API
 * answers would answer in place of a request the test stubs or cuts off. Closed by the caller.
 */
async function withoutServiceWorker(person: Person) {
  const context = await suite.browser().newContext({
    baseURL: suite.server().url,
    viewport: VIEWPORTS.desktop,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    serviceWorkers: 'block',
    storageState: await person.context.storageState(),
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const page = await context.newPage();
  return { context, page, problems: watchPage(page) };
}

const isSearchApi = (url: URL) => url.pathname === '/api/search';
const status = (page: Page) => page.getByRole('status').filter({ has: page.locator('.search__count') });
const resultLinks = (page: Page) => page.locator('.search-results .search-result__link');
const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? null);

/** The second test's steps, in a page whose requests to the search API the test may stub. */
async function explainsProblems(page: Page) {
  await page.goto('/recherche');
  await page.getByRole('heading', { name: 'Comment chercher' }).waitFor();
  await page.getByText('Une expression exacte entre guillemets').waitFor();

  // « / » on the search page goes to its own field.
  await page.keyboard.press('/');
  await expect.poll(() => isFocused(page.getByRole('searchbox', { name: 'Votre recherche' }))).toBe(true);
  await page.keyboard.type('a');
  await page.keyboard.press('Enter');
  await page.getByRole('alert').getByText('Tapez au moins deux caractères.').waitFor();

  // Nothing found with a type and a space: suggestions, each removing one of them.
  await page.goto(`/recherche?q=zzyzx&type=liens&espace=${SPACE}`);
  await status(page).getByText('Aucun résultat', { exact: true }).waitFor();
  await page.getByText('Vérifiez l’orthographe des mots.').waitFor();
  await page.getByRole('link', { name: 'Chercher dans tous les types de résultats' }).click();
  await page.waitForURL((url) => url.searchParams.get('type') === null && url.searchParams.get('espace') === SPACE);
  await expectNoAxeViolations(page, '/recherche (aucun résultat)');

  // A space that does not exist answers as one the reader may not see: 404.
  await page.goto('/recherche?q=chaleur&espace=espace-inexistant');
  await page.getByRole('alert').getByText('Cet espace n’existe pas, ou vous n’y avez pas accès.').waitFor();

  // The server's 400, in French, whatever its own words.
  await page.route(isSearchApi, (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({
        error: {
          code: 'invalid_input',
          message: 'the request is not valid',
          details: { 'querystring.q': ['Too big: expected string to have <=200 characters'] },
        },
      }),
    }),
  );
  await page.goto('/recherche?q=chaleur');
  await page.getByRole('alert').getByText('Votre recherche est trop longue : 200 caractères au plus.').waitFor();
  await page.unrouteAll();

  // No answer: « Réessayer » asks again.
  await page.route(isSearchApi, (route) => route.abort('internetdisconnected'));
  await page.goto('/recherche?q=chaleur');
  const alert = page.getByRole('alert').filter({ hasText: 'le serveur ne répond pas' });
  await alert.waitFor();
  await page.unrouteAll();
  await alert.getByRole('button', { name: 'Réessayer' }).click();
  await status(page).getByText('20 résultats', { exact: true }).waitFor();

  // Defence in depth: a hostile excerpt (as if the server failed to escape) stays text.
  await page.route(isSearchApi, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        items: [
          {
            type: 'post',
            id: 'hostile',
            title: 'Un message piégé',
            excerpt:
              '<img src=x onerror="window.__pwned=1"><mark onclick="window.__pwned=2">piège</mark> <mark>trouvé</mark>',
            url: '/espaces/mise-en-recits',
            at: '2026-03-12T09:05:00+01:00',
          },
        ],
        nextCursor: null,
        expandedWith: [],
      }),
    }),
  );
  await page.goto('/recherche?q=piege');
  await status(page).getByText('1 résultat', { exact: true }).waitFor();
  const excerpt = page.locator('.search-result__excerpt');
  expect(await excerpt.locator('img').count()).toBe(0);
  expect(await excerpt.locator('mark').allTextContents()).toEqual(['trouvé']);
  expect(await excerpt.locator('mark').first().getAttribute('onclick')).toBeNull();
  expect(await excerpt.textContent()).toContain('<img src=x onerror=');
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.unrouteAll();
}

describe('search in the browser', () => {
  it('from the header with « / », then filters, arrows, more results, and in one space', async () => {
    await seed();
    const { page, problems } = await suite.person('Camille Chercheuse', { join: [SPACE] });

    // « / » on a page of the site opens the header's search and puts the cursor in it.
    await page.goto(`/espaces/${SPACE}`);
    await page.getByRole('heading', { level: 1, name: 'Mise en récits' }).waitFor();
    const headerField = page.getByRole('searchbox', { name: 'Rechercher', exact: true });
    await page.keyboard.press('/');
    await expect.poll(() => isFocused(headerField)).toBe(true);
    expect(await headerField.inputValue()).toBe('');
    // Without accents, found with them.
    await page.keyboard.type('reseaux de chaleur');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/recherche' && url.searchParams.get('q') === 'reseaux de chaleur');
    await status(page).getByText('20 résultats', { exact: true }).waitFor();
    const pageField = page.getByRole('searchbox', { name: 'Votre recherche' });
    expect(await pageField.inputValue()).toBe('reseaux de chaleur');
    expect(await page.locator('.search-results > li').count()).toBe(20);
    await page.getByRole('link', { name: THREAD_TITLE, exact: true }).first().waitFor();
    expect(await page.locator('.search-results mark').count()).toBeGreaterThan(0);

    // The shared link leaves the site, in a new tab, and says so.
    const external = page.getByRole('link', { name: /Guide des réseaux de chaleur/ });
    expect(await external.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await external.getAttribute('target')).toBe('_blank');
    expect(await external.textContent()).toContain('(site extérieur, nouvel onglet)');
    await expectNoAxeViolations(page, '/recherche?q=reseaux de chaleur');
    await screenshot(page, 'recherche-1280');

    // Arrows: from the field to the first result, then from one result to the next and back.
    await pageField.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => isFocused(resultLinks(page).nth(0))).toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => isFocused(resultLinks(page).nth(1))).toBe(true);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => isFocused(pageField)).toBe(true);

    // More results are appended; focus goes to the first new one.
    await page.getByRole('button', { name: 'Voir plus de résultats' }).click();
    await status(page)
      .getByText(`${EXTRA_POSTS + 3} résultats`, { exact: true })
      .waitFor();
    expect(await page.locator('.search-results > li').count()).toBe(EXTRA_POSTS + 3);
    const newFirst = (await resultLinks(page).nth(20).textContent())?.trim();
    await expect.poll(() => focusedText(page)).toBe(newFirst);
    expect(await page.getByRole('button', { name: 'Voir plus de résultats' }).count()).toBe(0);

    // A type filter is a link of its own: the address follows, Back undoes it.
    const filters = page.getByRole('navigation', { name: 'Type de résultat' });
    await filters.getByRole('link', { name: 'Discussions' }).click();
    await page.waitForURL((url) => url.searchParams.get('type') === 'discussions');
    await status(page).getByText('1 résultat', { exact: true }).waitFor();
    expect(await filters.getByRole('link', { name: 'Discussions' }).getAttribute('aria-current')).toBe('page');
    expect(await filters.getByRole('link', { name: 'Tout' }).getAttribute('aria-current')).toBeNull();
    expect(await page.locator('.search-result__type').allTextContents()).toEqual(['Discussion']);
    await page.goBack();
    await status(page).getByText('20 résultats', { exact: true }).waitFor();

    // « dans cet espace » from a space's page: the other space's thread is left out.
    await page.goto(`/espaces/${SPACE}`);
    await page.getByRole('heading', { level: 1, name: 'Mise en récits' }).waitFor();
    await page.getByRole('button', { name: 'Afficher la recherche' }).click();
    await expect.poll(() => isFocused(headerField)).toBe(true);
    await headerField.fill('chaleur renouvelable');
    await page.getByRole('checkbox', { name: 'dans cet espace' }).check();
    await page.getByRole('button', { name: 'Lancer la recherche' }).click();
    await page.waitForURL((url) => url.searchParams.get('espace') === SPACE);
    await page.getByText('Dans l’espace « Mise en récits ».').waitFor();
    await status(page).getByText('1 résultat', { exact: true }).waitFor();
    await page.getByRole('link', { name: /Guide des réseaux de chaleur/ }).waitFor();
    await page.getByRole('link', { name: 'Chercher dans tout l’Atelier', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('espace') === null);
    await page.getByRole('link', { name: OTHER_THREAD_TITLE }).first().waitFor();
    expect(await page.getByRole('searchbox', { name: 'Votre recherche' }).inputValue()).toBe('chaleur renouvelable');

    // An acronym: the search also looks for what it stands for, and says so.
    await pageField.fill('PCAET');
    await pageField.press('Enter');
    await page.getByText('Recherche élargie à :').waitFor();
    await page.getByRole('link', { name: THREAD_TITLE, exact: true }).first().waitFor();
    expect(problems).toEqual([]);
  });

  it('finds the PCAET thread and a PDF on « réseaux de chaleur » from the header, nothing of a private space', async () => {
    await seed();
    const { page, problems } = await suite.person('Dominique Déposante', { join: [SPACE] });
    // A private space the person is not in, whose thread says the same words.
    await suite.asAdmin('POST', '/api/spaces', {
      kind: 'chantier',
      title: 'Chantier confidentiel',
      slug: 'chantier-confidentiel',
      visibility: 'private',
      joinPolicy: 'invite',
    });
    await suite.asAdmin('POST', '/api/spaces/chantier-confidentiel/threads', {
      title: 'Confidentiel : plan climat et réseau de chaleur',
      body: '<p>Le réseau de chaleur du plan climat, entre nous.</p>',
    });

    // The person drops a PDF among the space's files, through the page.
    await page.goto(`/espaces/${SPACE}?onglet=documents`);
    await page.getByRole('heading', { name: 'Fichiers' }).waitFor();
    await page.getByLabel('Choisir un fichier').setInputFiles({
      name: 'etude-chaleur.pdf',
      mimeType: 'application/pdf',
      buffer: await documentsWithText.pdf([
        'Étude de faisabilité',
        'Les réseaux de chaleur du plan climat de la vallée.',
      ]),
    });
    await page.getByText('« etude-chaleur.pdf » est déposé.').waitFor();

    // Its words are read in the background: the search finds it once they are.
    const headerField = page.getByRole('searchbox', { name: 'Rechercher', exact: true });
    const pdfResult = page.getByRole('link', { name: /etude-chaleur\.pdf/ });
    await expect
      .poll(
        async () => {
          await page.goto(`/espaces/${SPACE}`);
          await page.keyboard.press('/');
          await headerField.fill('plan climat reseau');
          await headerField.press('Enter');
          await status(page).waitFor();
          return pdfResult.count();
        },
        // A child process reads the PDF, which takes a while when the machine is busy.
        { timeout: 75_000 },
      )
      .toBe(1);
    await page.getByText('Recherche élargie à :').waitFor();
    await page.getByRole('link', { name: THREAD_TITLE, exact: true }).first().waitFor();
    expect(await page.locator('.search-results').textContent()).not.toContain('Confidentiel');
    await screenshot(page, 'recherche-pdf');
    expect(problems).toEqual([]);
  }, 120_000);

  it('explains an empty search, a short one, nothing found, a refused one and a lost connection', async () => {
    await seed();
    const person = await suite.person('Dominique Prudente', { join: [SPACE] });
    const { context, page, problems } = await withoutServiceWorker(person);
    try {
      await explainsProblems(page);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('on a 360 px phone: the header keeps one row, the field opens with « Menu », nothing overflows', async () => {
    await seed();
    const { page, problems } = await suite.visitor('phone');

    await page.goto(`/espaces/${SPACE}`);
    await page.getByRole('heading', { level: 1, name: 'Mise en récits' }).waitFor();
    const header = page.locator('header.site-header');
    expect((await header.boundingBox())?.height).toBeLessThan(80);
    const headerField = page.getByRole('searchbox', { name: 'Rechercher', exact: true });
    expect(await headerField.isVisible()).toBe(false);
    await header.getByRole('button', { name: 'Menu' }).click();
    await headerField.waitFor();
    expect(await page.getByRole('checkbox', { name: 'dans cet espace' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await headerField.fill('chaleur');
    await headerField.press('Enter');
    await page.waitForURL((url) => url.pathname === '/recherche' && url.searchParams.get('q') === 'chaleur');
    await status(page).getByText('20 résultats', { exact: true }).waitFor();
    // Anonymous: only what is public, and told so.
    await page.getByText('Vous voyez seulement ce qui est public.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await expectNoAxeViolations(page, '/recherche?q=chaleur (360 px)');
    await screenshot(page, 'recherche-360');
    // The narrowest phones and the wider ones alike.
    for (const width of [320, 400]) {
      await page.setViewportSize({ width, height: 740 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${width} px`).toBe(true);
    }
    expect(problems).toEqual([]);
  });
});
