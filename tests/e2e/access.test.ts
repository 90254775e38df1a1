import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserSuite } from '../support/browser-suite';

/**
 * Rights that change while a page is open, as a person sees it in Chromium: the open page
 * follows at once, without a reload, and says what changed.
 */

const SPACE = { slug: 'chantier-a-huis-clos', title: 'Chantier à huis clos' };
const suite = useBrowserSuite({ admin: true });

beforeAll(async () => {
  await suite.asAdmin('POST', '/api/spaces', {
    kind: 'chantier',
    title: SPACE.title,
    slug: SPACE.slug,
    summary: 'Un chantier réservé à ses membres.',
    visibility: 'members',
    joinPolicy: 'open',
  });
});

describe('rights that change while a page is open', () => {
  it('turns the open editor read-only, with a notice, when its person leaves a public space', async () => {
    const alice = await suite.person('Alice Autrice', { join: ['mise-en-recits'] });
    const { page } = alice;
    const created = await page.request.post('/api/spaces/mise-en-recits/documents', {
      headers: { 'x-csrf-token': alice.csrfToken },
      data: { title: 'Récit de territoire' },
    });
    expect(created.status()).toBe(201);
    const { document } = (await created.json()) as { document: { id: string } };
    await page.goto(`/espaces/mise-en-recits/documents/${document.id}`);
    const editor = page.getByRole('textbox', { name: 'Contenu du document' });
    await page.getByRole('status').filter({ hasText: 'Connecté' }).waitFor();
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');

    // Another tab of hers leaves the space: this page is told at once.
    const left = await page.request.delete('/api/spaces/mise-en-recits/membership', {
      headers: { 'x-csrf-token': alice.csrfToken },
    });
    expect(left.status()).toBe(204);
    await page.getByRole('status').filter({ hasText: 'désormais en lecture seule' }).waitFor();
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('false');
    // The page's own controls follow: no more renaming, and the usual read-only note.
    await page.getByRole('button', { name: 'Renommer' }).waitFor({ state: 'detached' });
    await screenshot(page, 'access-editor-read-only');
  });

  it('shows a thread as closed to its reader the moment an animateur removes them', async () => {
    const bruno = await suite.person('Bruno Lecteur', { join: [SPACE.slug] });
    const started = await bruno.page.request.post(`/api/spaces/${SPACE.slug}/threads`, {
      headers: { 'x-csrf-token': bruno.csrfToken },
      data: { title: 'Ordre du jour', body: '<p>Premier point</p>' },
    });
    expect(started.status()).toBe(201);
    const { thread } = (await started.json()) as { thread: { id: string } };
    await bruno.page.goto(`/espaces/${SPACE.slug}/fils/${thread.id}`);
    await bruno.page.getByRole('heading', { level: 1, name: 'Ordre du jour' }).waitFor();
    await bruno.page.getByText('Premier point').waitFor();

    await suite.asAdmin('DELETE', `/api/spaces/${SPACE.slug}/members/${bruno.userId}`);
    await bruno.page
      .getByRole('heading', { level: 1, name: "Ce fil n'existe pas, ou vous n'y avez pas accès." })
      .waitFor();
    await screenshot(bruno.page, 'access-thread-closed');
  });

  it('offers to sign in on a members-only thread opened while signed out, and opens it after', async () => {
    const chloe = await suite.person('Chloé Membre', { join: [SPACE.slug] });
    const started = await chloe.page.request.post(`/api/spaces/${SPACE.slug}/threads`, {
      headers: { 'x-csrf-token': chloe.csrfToken },
      data: { title: 'Relevé de décisions', body: '<p>Décision un</p>' },
    });
    expect(started.status()).toBe(201);
    const { thread } = (await started.json()) as { thread: { id: string } };

    const { page, problems } = await suite.visitor('phone');
    await page.goto(`/espaces/${SPACE.slug}/fils/${thread.id}`);
    await page.getByRole('heading', { level: 1, name: 'Ce fil est réservé aux membres de l’espace' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Se connecter' }).click();
    await page.getByLabel('Adresse courriel').fill(chloe.email);
    await page.getByLabel('Mot de passe').fill(chloe.password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Relevé de décisions' }).waitFor();
    await page.getByText('Décision un').waitFor();
    expect(problems).toEqual([]);
  });
});
