import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { ADMIN, expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';
import { rawRequest } from '../support/http';

/**
 * Shared documents and resources as people use them, in Debian's Chromium: two members write
 * in the same document from two windows, save and restore a version; a member uploads a file
 * that only members may download.
 */

/** A members-only space made for this file: its content is not public, unlike Mise en récits. */
const SPACE = { slug: 'atelier-des-communs', title: 'Atelier des communs' };
/** The smallest PNG there is: one transparent pixel. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const suite = useBrowserSuite({ admin: true });

beforeAll(async () => {
  await suite.asAdmin('POST', '/api/spaces', {
    kind: 'chantier',
    title: SPACE.title,
    slug: SPACE.slug,
    summary: 'Les outils et ressources que le chantier produit ensemble.',
    visibility: 'members',
    joinPolicy: 'open',
  });
});

/** A new person signed up through the API in their own browser context; a member unless told otherwise. */
const person = (displayName: string, options: { join?: boolean; viewport?: 'desktop' | 'phone' } = {}) =>
  suite.person(displayName, { join: options.join === false ? [] : [SPACE.slug], viewport: options.viewport });

const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Contenu du document' });

describe('shared documents in two browsers', () => {
  it('lets two members write together, see each other, and restore a named version', async () => {
    const alice = await person('Alice Autrice');
    const bruno = await person('Bruno Lecteur');
    const a = alice.page;
    const b = bruno.page;

    // Alice creates the document from the space's Ressources tab.
    await a.goto(`/espaces/${SPACE.slug}?onglet=documents`);
    await a.getByRole('tab', { name: 'Ressources', selected: true }).waitFor();
    await a.getByRole('button', { name: 'Nouveau document' }).click();
    await a.getByLabel('Titre du document').fill('Notes du chantier');
    await a.getByRole('button', { name: 'Créer et ouvrir' }).click();
    await a.getByRole('heading', { level: 1, name: 'Notes du chantier' }).waitFor();
    const documentUrl = new URL(a.url()).pathname;
    expect(documentUrl).toMatch(new RegExp(`^/espaces/${SPACE.slug}/documents/[\\w-]+$`));

    // Bruno finds it in the list and opens it.
    await b.goto(`/espaces/${SPACE.slug}?onglet=documents`);
    await b.getByRole('link', { name: 'Notes du chantier' }).click();
    await b.getByRole('heading', { level: 1, name: 'Notes du chantier' }).waitFor();
    await a.getByRole('status').filter({ hasText: 'Connecté' }).waitFor();
    await b.getByRole('status').filter({ hasText: 'Connecté' }).waitFor();

    // Each writes; each sees the other's words, name and caret.
    await editorOf(a).click();
    await a.keyboard.type('Bonjour, ici Alice.');
    await editorOf(b).getByText('Bonjour, ici Alice.').waitFor();
    await editorOf(b).click();
    await b.keyboard.press('Control+End');
    await b.keyboard.press('Enter');
    await b.keyboard.type('Bruno complète la note.');
    await editorOf(a).getByText('Bruno complète la note.').waitFor();
    // Acknowledged means written to the database: only then does Bruno's status line say so.
    await b.getByRole('status').filter({ hasText: 'Connecté · Enregistré' }).waitFor();
    await a.locator('.collaboration-carets__label', { hasText: 'Bruno Lecteur' }).waitFor();
    await editorOf(a).click();
    await a.keyboard.press('Control+End');
    await b.locator('.collaboration-carets__label', { hasText: 'Alice Autrice' }).waitFor();
    const aPresence = a.getByRole('region', { name: /Présents dans le document/ });
    await aPresence.getByText('Alice Autrice (vous)').waitFor();
    await aPresence.getByText('Bruno Lecteur').waitFor();

    // The toolbar: one tab stop, arrow keys inside, pressed states announced.
    const bold = a.getByRole('button', { name: 'Gras' });
    expect(await bold.getAttribute('aria-pressed')).toBe('false');
    await a.keyboard.press('Enter');
    await a.keyboard.press('Control+B');
    await a.keyboard.type('Important');
    await expect.poll(() => bold.getAttribute('aria-pressed')).toBe('true');
    await editorOf(b).locator('strong', { hasText: 'Important' }).waitFor();
    await screenshot(a, 'document-alice');

    // Alice saves a named version.
    await a.getByRole('button', { name: 'Historique' }).click();
    const history = a.getByRole('dialog', { name: 'Historique des versions' });
    await history.getByLabel('Nom de la version').fill('version validée en chantier');
    await history.getByRole('button', { name: 'Enregistrer la version' }).click();
    await history.getByText('La version « version validée en chantier » est enregistrée.').waitFor();
    await a.keyboard.press('Escape');
    await history.waitFor({ state: 'hidden' });

    // Bruno adds a sentence after it; Alice compares the version with the current text.
    await editorOf(b).click();
    await b.keyboard.press('Control+End');
    await b.keyboard.press('Enter');
    await b.keyboard.type('Une phrase à retirer.');
    await editorOf(a).getByText('Une phrase à retirer.').waitFor();
    await a.getByRole('button', { name: 'Historique' }).click();
    await history.getByRole('button', { name: 'Comparer : version validée en chantier' }).click();
    await history.locator('ins', { hasText: 'Une phrase à retirer.' }).waitFor();
    await history.getByText(/\d+ mots? ajoutés? et \d+ mots? supprimés? depuis cette version/).waitFor();

    // Alice restores it: the sentence disappears in both windows, the rest stays.
    await history.getByRole('button', { name: 'Restaurer : version validée en chantier' }).click();
    const confirm = a.getByRole('alertdialog', { name: 'Restaurer cette version ?' });
    await confirm.getByRole('button', { name: 'Restaurer' }).click();
    await history.getByText('La version « version validée en chantier » est restaurée.').waitFor();
    await a.keyboard.press('Escape');
    for (const page of [a, b]) {
      await expect.poll(() => editorOf(page).getByText('Une phrase à retirer.').count(), { timeout: 10_000 }).toBe(0);
      await editorOf(page).getByText('Bruno complète la note.').waitFor();
      await editorOf(page).getByText('Bonjour, ici Alice.').waitFor();
    }
    // The exports carry the same text.
    for (const [name, type] of [
      ['Exporter en Markdown', 'text/markdown'],
      ['Exporter en HTML', 'text/html'],
    ] as const) {
      const href = await a.getByRole('link', { name }).getAttribute('href');
      const exported = await a.request.get(href ?? '');
      expect(exported.status()).toBe(200);
      expect(exported.headers()['content-type']).toContain(type);
      expect(await exported.text()).toContain('Bruno complète la note.');
    }

    // The restore is a new version, the named one is still there.
    await b.getByRole('button', { name: 'Historique' }).click();
    const bHistory = b.getByRole('dialog', { name: 'Historique des versions' });
    await bHistory.getByText('Restauration de « version validée en chantier »').waitFor();
    await bHistory.getByText('Version nommée').waitFor();
    await b.keyboard.press('Escape');

    await expectNoAxeViolations(b, `${documentUrl} as a member`);
    // On a 390 px phone: the toolbar is one row scrolling on its own, the text starts in the
    // first screen, and the page itself never scrolls sideways.
    await b.setViewportSize({ width: 390, height: 844 });
    await screenshot(b, 'document-390');
    const toolbar = await b.getByRole('toolbar').boundingBox();
    expect(toolbar?.height).toBeLessThan(60);
    const text = await editorOf(b).boundingBox();
    expect((text?.y ?? 844) + 80).toBeLessThan(844);
    const overflow = await b.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(b, `${documentUrl} at 390 px`);

    // Alice deletes the document from the Ressources tab; Bruno, still in it, is told.
    await a.goto(`/espaces/${SPACE.slug}?onglet=documents`);
    await a.getByRole('button', { name: 'Supprimer « Notes du chantier »' }).click();
    await a
      .getByRole('alertdialog', { name: 'Supprimer ce document ?' })
      .getByRole('button', { name: 'Supprimer' })
      .click();
    await a.getByText('« Notes du chantier » est supprimé.').waitFor();
    await a.getByText('Aucun document pour l’instant.').waitFor();
    await b.getByRole('alert').filter({ hasText: 'Ce document n’existe plus' }).waitFor();

    // Bruno opens the Ressources tab; a link Alice shares from elsewhere appears there live.
    await b.goto(`/espaces/${SPACE.slug}?onglet=documents`);
    await b.getByText('Aucun lien pour l’instant.').waitFor();
    const shared = await a.request.post(`/api/spaces/${SPACE.slug}/links`, {
      headers: { 'x-csrf-token': alice.csrfToken },
      data: { url: 'https://exemple.fr/recit-de-territoire', title: 'Un récit de territoire' },
    });
    expect(shared.status()).toBe(201);
    await b.getByRole('link', { name: /Un récit de territoire/ }).waitFor();

    expect(alice.problems).toEqual([]);
    expect(bruno.problems).toEqual([]);
  });
});

describe('reading a document without being a member', () => {
  it('shows a public space’s document read-only, live, without a toolbar', async () => {
    // Mise en récits is public: anyone may read its documents, only members write them.
    const alice = await person('Alice Rédactrice', { join: false });
    const a = alice.page;
    const joined = await a.request.post('/api/spaces/mise-en-recits/join', {
      headers: { 'x-csrf-token': alice.csrfToken },
    });
    expect(joined.status()).toBe(200);
    const created = await a.request.post('/api/spaces/mise-en-recits/documents', {
      headers: { 'x-csrf-token': alice.csrfToken },
      data: { title: 'Récits partagés' },
    });
    expect(created.status()).toBe(201);
    const { document } = (await created.json()) as { document: { id: string } };
    const url = `/espaces/mise-en-recits/documents/${document.id}`;

    const reader = await person('Rémi Lecteur', { join: false });
    const r = reader.page;
    await r.goto(url);
    await r.getByRole('heading', { level: 1, name: 'Récits partagés' }).waitFor();
    await r.getByText('Vous lisez ce document.', { exact: false }).waitFor();
    expect(await r.getByRole('toolbar').count()).toBe(0);
    expect(await r.getByRole('button', { name: 'Renommer' }).count()).toBe(0);
    expect(await editorOf(r).getAttribute('contenteditable')).toBe('false');

    // Alice writes; the reader sees it live.
    await a.goto(url);
    await a.getByRole('status').filter({ hasText: 'Connecté' }).waitFor();
    await editorOf(a).click();
    await a.keyboard.type('Premier récit du territoire.');
    await editorOf(r).getByText('Premier récit du territoire.').waitFor();

    // Typing in the read-only view changes nothing, there or for Alice.
    await editorOf(r).click();
    await r.keyboard.type('Ajout interdit');
    await editorOf(a).getByText('Premier récit du territoire.').waitFor();
    expect(await editorOf(r).textContent()).not.toContain('Ajout interdit');
    expect(await editorOf(a).textContent()).not.toContain('Ajout interdit');
    await expectNoAxeViolations(r, `${url} read-only`);

    // Members rename it.
    await a.getByRole('button', { name: 'Renommer' }).click();
    await a.getByLabel('Titre du document').fill('Récits du territoire');
    await a.getByRole('button', { name: 'Enregistrer le titre' }).click();
    await a.getByRole('heading', { level: 1, name: 'Récits du territoire' }).waitFor();
    await a.getByText('Le document s’appelle maintenant « Récits du territoire ».').waitFor();
    await r.reload();
    await r.getByRole('heading', { level: 1, name: 'Récits du territoire' }).waitFor();
    expect(reader.problems).toEqual([]);
  });
});

describe('files of a space', () => {
  it('lets a member upload a file that members download and others may not', async () => {
    const carla = await person('Carla Déposante');
    const c = carla.page;
    await c.goto(`/espaces/${SPACE.slug}?onglet=documents`);
    await c.getByRole('heading', { name: 'Fichiers' }).waitFor();

    // A file whose content is not an allowed type is refused, whatever its name says.
    await c.getByLabel('Choisir un fichier').setInputFiles({
      name: 'faux.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('ceci est du texte, pas un PDF'),
    });
    await c.getByText('Ce type de fichier n’est pas accepté.', { exact: false }).waitFor();

    await c.getByLabel('Choisir un fichier').setInputFiles({ name: 'carte.png', mimeType: 'image/png', buffer: PNG });
    await c.getByText('« carte.png » est déposé.').waitFor();
    const row = c.getByRole('listitem').filter({ hasText: 'carte.png' });
    await row.getByText(/PNG, .*déposé le .* par Carla Déposante/).waitFor();
    await screenshot(c, 'ressources-fichier');

    const [download] = await Promise.all([
      c.waitForEvent('download'),
      row.getByRole('link', { name: 'Télécharger « carte.png »' }).click(),
    ]);
    const path = await download.path();
    expect(Buffer.compare(await readFile(path), PNG)).toBe(0);
    const downloadUrl = new URL(download.url()).pathname;

    // Another member downloads it too; a non-member is refused, an anonymous visitor as well.
    const dan = await person('Dan Membre');
    const asMember = await dan.page.request.get(downloadUrl);
    expect(asMember.status()).toBe(200);
    expect(Buffer.compare(await asMember.body(), PNG)).toBe(0);
    const eve = await person('Ève Extérieure', { join: false });
    expect((await eve.page.request.get(downloadUrl)).status()).toBe(403);
    const anonymous = await rawRequest(suite.server().url, { method: 'GET', path: downloadUrl });
    expect(anonymous.status).toBe(401);

    // A link to an outside resource, opened without handing it this page; then withdrawn.
    await c.getByLabel('Adresse (https://…)').fill('https://podcast.example.org/episode-12');
    await c
      .getByLabel('Titre', { exact: false })
      .and(c.locator('input[name="title"]'))
      .fill('Podcast : récits de territoires');
    await c.getByLabel('Description').fill('Un épisode sur la mise en récits à Rouen.');
    await c.getByRole('button', { name: 'Ajouter le lien' }).click();
    await c.getByText('Le lien « Podcast : récits de territoires » est ajouté.').waitFor();
    const link = c.getByRole('link', { name: /Podcast : récits de territoires/ });
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('href')).toBe('https://podcast.example.org/episode-12');
    await c.getByRole('button', { name: 'Supprimer « Podcast : récits de territoires »' }).click();
    await c
      .getByRole('alertdialog', { name: 'Supprimer ce lien ?' })
      .getByRole('button', { name: 'Supprimer' })
      .click();
    await c.getByText('« Podcast : récits de territoires » est supprimé.').waitFor();
    await expect.poll(() => link.count()).toBe(0);

    // The non-member sees why the tab is empty.
    await eve.page.goto(`/espaces/${SPACE.slug}?onglet=documents`);
    await eve.page.getByText('Les ressources de cet espace sont réservées à ses membres.').waitFor();
    await expectNoAxeViolations(c, `/espaces/${SPACE.slug}?onglet=documents as a member`);

    expect(carla.problems).toEqual([]);
  });
});

describe('the commons', () => {
  it('lets an animateur·ice publish a named version that a visitor without an account finds by theme, as it was', async () => {
    // The animatrice of the space (here the admin, who manages every space) writes and names a version.
    const admin = await suite.visitor();
    const a = admin.page;
    await a.goto('/connexion');
    await a.getByLabel('Adresse courriel').fill(ADMIN.email);
    await a.getByLabel('Mot de passe').fill(ADMIN.password);
    await a.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await a.waitForURL((url) => url.pathname !== '/connexion');
    const created = (await suite.asAdmin('POST', `/api/spaces/${SPACE.slug}/documents`, {
      title: 'Guide des récits de territoire',
    })) as { document: { id: string } };
    await a.goto(`/espaces/${SPACE.slug}/documents/${created.document.id}`);
    await a.getByRole('status').filter({ hasText: 'Connecté' }).waitFor();
    await editorOf(a).click();
    await a.keyboard.type('Raconter la coopération, territoire par territoire.');
    await a.getByRole('status').filter({ hasText: 'Connecté · Enregistré' }).waitFor();
    await a.getByRole('button', { name: 'Historique' }).click();
    const history = a.getByRole('dialog', { name: 'Historique des versions' });
    await history.getByLabel('Nom de la version').fill('version publiée');
    await history.getByRole('button', { name: 'Enregistrer la version' }).click();
    await history.getByRole('button', { name: 'Voir : version publiée' }).click();
    await history.getByRole('button', { name: 'Publier dans les ressources communes' }).click();
    await history.getByLabel('Genre').selectOption({ label: 'Fiche' });
    await history.getByLabel('Raconter la coopération').check();
    await history.getByLabel('Territoires').fill('Gruissan, Vimy');
    await expectNoAxeViolations(a, 'publishing a version');
    await history.getByRole('button', { name: 'Publier', exact: true }).click();
    await history
      .getByText('« Guide des récits de territoire » est publiée dans les ressources communes.')
      .first()
      .waitFor();
    await history.getByRole('button', { name: 'Fermer' }).click();
    await history.waitFor({ state: 'hidden' });
    // What is written afterwards stays in the chantier.
    await editorOf(a).click();
    await a.keyboard.press('Control+End');
    await a.keyboard.press('Enter');
    await a.keyboard.type('Brouillon qui reste au chantier.');
    await a.getByRole('status').filter({ hasText: 'Connecté · Enregistré' }).waitFor();

    // A podcast shared as a link in the space, published from the Ressources tab.
    await suite.asAdmin('POST', `/api/spaces/${SPACE.slug}/links`, {
      url: 'https://podcast.exemple.fr/analyses-sensibles',
      title: 'Les analyses sensibles',
    });
    await a.goto(`/espaces/${SPACE.slug}?onglet=documents`);
    await a.getByRole('button', { name: 'Publier « Les analyses sensibles » dans les ressources communes' }).click();
    const linkForm = a.getByRole('region', { name: 'Publier dans les ressources communes' });
    await linkForm.getByLabel('Genre').selectOption({ label: 'Podcast' });
    await linkForm.getByRole('button', { name: 'Publier', exact: true }).click();
    await linkForm.getByRole('link', { name: 'Voir la ressource publiée' }).waitFor();
    await expectNoAxeViolations(a, `/espaces/${SPACE.slug}?onglet=documents (publication)`);

    const { page, problems } = await suite.visitor('phone');
    await page.goto('/');
    await page.getByRole('link', { name: 'Voir les ressources communes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Les ressources communes' }).waitFor();
    await page.getByRole('status').getByText('2 ressources').waitFor();
    await page.getByLabel('Thème').fill('cooperation');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('status').getByText('1 ressource', { exact: true }).waitFor();
    await expectNoAxeViolations(page, '/ressources?theme=cooperation');
    await page.getByRole('link', { name: 'Guide des récits de territoire' }).click();
    await page.getByRole('heading', { level: 1, name: 'Guide des récits de territoire' }).waitFor();
    await page.getByText('Raconter la coopération, territoire par territoire.').waitFor();
    expect(await page.getByText('Brouillon qui reste au chantier.').count()).toBe(0);
    await page.getByRole('link', { name: /CC BY-SA 4.0/ }).waitFor();
    await expectNoAxeViolations(page, '/ressources/:id');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await screenshot(page, 'ressource-360');
    expect([...admin.problems, ...problems]).toEqual([]);
  });
});
