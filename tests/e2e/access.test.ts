import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureEvidence, launchBrowser, newVisitor, screenshot } from '../support/browser';
import { loginUser, rawRequest, type Session, uniqueEmail } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * Rights that change while a page is open, as a person sees it in Chromium: the open page
 * follows at once, without a reload, and says what changed.
 */

const ADMIN = { email: 'admin-acces@exemple.fr', password: 'admin-acces-2026' };
const SPACE = { slug: 'chantier-a-huis-clos', title: 'Chantier à huis clos' };

let server: RunningServer;
let browser: Browser;
let admin: Session;
const contexts: { context: BrowserContext; page: Page }[] = [];

beforeAll(async () => {
  server = await startServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  browser = await launchBrowser();
  admin = await loginUser(server.url, ADMIN.email, ADMIN.password);
  const created = await rawRequest(server.url, {
    method: 'POST',
    path: '/api/spaces',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'chantier',
      title: SPACE.title,
      slug: SPACE.slug,
      summary: 'Un chantier réservé à ses membres.',
      visibility: 'members',
      joinPolicy: 'open',
    }),
  });
  expect(created.status, created.text).toBe(201);
});
afterEach(async (test) => {
  if (test.task.result?.state === 'fail') {
    for (const [index, { page }] of contexts.entries()) await captureEvidence(page, `${test.task.name}-${index}`);
  }
  await Promise.all(contexts.splice(0).map(({ context }) => context.close()));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A new person, signed up in their own browser context, member of `slug`. */
async function member(displayName: string, slug: string) {
  const opened = await newVisitor(browser, server.url);
  contexts.push(opened);
  const { page } = opened;
  const registered = await page.request.post('/api/auth/register', {
    data: { email: uniqueEmail('acces'), password: 'un-mot-de-passe-solide', displayName, acceptCharter: true },
  });
  expect(registered.status()).toBe(201);
  const { csrfToken, user } = (await registered.json()) as { csrfToken: string; user: { id: string } };
  const joined = await page.request.post(`/api/spaces/${slug}/join`, { headers: { 'x-csrf-token': csrfToken } });
  expect(joined.status()).toBe(200);
  return { ...opened, csrfToken, userId: user.id };
}

describe('rights that change while a page is open', () => {
  it('turns the open editor read-only, with a notice, when its person leaves a public space', async () => {
    const alice = await member('Alice Autrice', 'mise-en-recits');
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
    const bruno = await member('Bruno Lecteur', SPACE.slug);
    const started = await bruno.page.request.post(`/api/spaces/${SPACE.slug}/threads`, {
      headers: { 'x-csrf-token': bruno.csrfToken },
      data: { title: 'Ordre du jour', body: '<p>Premier point</p>' },
    });
    expect(started.status()).toBe(201);
    const { thread } = (await started.json()) as { thread: { id: string } };
    await bruno.page.goto(`/espaces/${SPACE.slug}/fils/${thread.id}`);
    await bruno.page.getByRole('heading', { level: 1, name: 'Ordre du jour' }).waitFor();
    await bruno.page.getByText('Premier point').waitFor();

    const removed = await rawRequest(server.url, {
      method: 'DELETE',
      path: `/api/spaces/${SPACE.slug}/members/${bruno.userId}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
    });
    expect(removed.status, removed.text).toBe(204);
    await bruno.page
      .getByRole('heading', { level: 1, name: "Ce fil n'existe pas, ou vous n'y avez pas accès." })
      .waitFor();
    await screenshot(bruno.page, 'access-thread-closed');
  });
});
