import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';

/**
 * Comments on a shared document, in Debian's Chromium: two members comment on a passage, one
 * answers, one resolves the thread, and each sees the other's doing at once; the highlighted
 * passage follows the text as it is edited, and a deleted passage says so.
 */

const SPACE = { slug: 'relecture-commune', title: 'Relecture commune' };
const suite = useBrowserSuite({ admin: true });

beforeAll(async () => {
  await suite.asAdmin('POST', '/api/spaces', {
    kind: 'chantier',
    title: SPACE.title,
    slug: SPACE.slug,
    summary: 'Un espace pour relire ensemble.',
    visibility: 'members',
    joinPolicy: 'open',
  });
});

const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Contenu du document' });
const panelOf = (page: Page) => page.getByRole('complementary', { name: /Commentaires/ });
const PASSAGE = 'Les habitants décident ensemble des priorités.';

describe('comments on a shared document', () => {
  it('lets two members comment on a passage, reply and resolve, live in both windows', async () => {
    const alice = await suite.person('Alice Relectrice', { join: [SPACE.slug] });
    const bruno = await suite.person('Bruno Répondant', { join: [SPACE.slug] });
    const a = alice.page;
    const b = bruno.page;
    const created = await a.request.post(`/api/spaces/${SPACE.slug}/documents`, {
      headers: { 'x-csrf-token': alice.csrfToken },
      data: { title: 'Charte du territoire' },
    });
    expect(created.status()).toBe(201);
    const documentId = ((await created.json()) as { document: { id: string } }).document.id;
    const url = `/espaces/${SPACE.slug}/documents/${documentId}`;

    await a.goto(url);
    await b.goto(url);
    for (const page of [a, b]) await page.getByRole('status').filter({ hasText: 'Connecté' }).first().waitFor();
    await panelOf(b).getByText('Aucun commentaire pour l’instant.', { exact: false }).waitFor();

    await editorOf(a).click();
    await a.keyboard.type('Préambule de la charte.');
    await a.keyboard.press('Enter');
    await a.keyboard.type(PASSAGE);
    await editorOf(b).getByText(PASSAGE).waitFor();

    // Alice selects the passage: « Commenter » appears beside it.
    await editorOf(a).locator('p', { hasText: PASSAGE }).selectText();
    // (The toolbar has its own « Commenter » too, and Control+Alt+M does the same.)
    await a.locator('.comment-float', { hasText: 'Commenter' }).click();
    await panelOf(a).locator('.comments__new').getByText(PASSAGE).waitFor();
    await panelOf(a).getByLabel('Votre commentaire').fill('Qui anime ces décisions ?');
    await panelOf(a).getByRole('button', { name: 'Publier le commentaire' }).click();
    await panelOf(a).getByText('Qui anime ces décisions ?').waitFor();

    // Bruno sees the thread at once, and the passage highlighted in his editor.
    const thread = (page: Page) =>
      panelOf(page).getByRole('article', { name: new RegExp(`Passage commenté : ${PASSAGE.slice(0, 20)}`) });
    await thread(b).getByText('Qui anime ces décisions ?').waitFor();
    await expect.poll(() => editorOf(b).locator('.comment-highlight').textContent()).toBe(PASSAGE);
    await panelOf(b).getByRole('status').filter({ hasText: 'Nouveau commentaire de Alice Relectrice.' }).waitFor();

    // The highlight follows the text: Bruno writes before the passage, it still covers it.
    await editorOf(b).locator('p', { hasText: 'Préambule de la charte.' }).selectText();
    await b.keyboard.press('ArrowRight');
    await b.keyboard.type(' Version 2, relue.');
    await editorOf(a).getByText('Préambule de la charte. Version 2, relue.').waitFor();
    await expect.poll(() => editorOf(a).locator('.comment-highlight').textContent()).toBe(PASSAGE);

    // Bruno answers; Alice reads it live.
    await thread(b).getByLabel('Votre réponse').fill('Le comité de quartier, chaque trimestre.');
    await thread(b).getByRole('button', { name: 'Répondre' }).click();
    await thread(a).getByText('Le comité de quartier, chaque trimestre.').waitFor();
    await panelOf(a).getByRole('status').filter({ hasText: 'Bruno Répondant a répondu à un commentaire.' }).waitFor();
    await screenshot(a, 'document-comments-desktop');
    await expectNoAxeViolations(a, `${url} with an open thread`);

    // Alice resolves it: in both windows it folds under « Fils résolus (1) », unhighlighted.
    await thread(a)
      .getByRole('button', { name: /^Résoudre le fil/ })
      .click();
    for (const page of [a, b]) {
      await panelOf(page).getByText('Fils résolus (1)').waitFor();
      await expect.poll(() => editorOf(page).locator('.comment-highlight').count()).toBe(0);
    }
    await panelOf(b)
      .getByRole('status')
      .filter({ hasText: 'Alice Relectrice a résolu un fil de commentaires.' })
      .waitFor();

    // Bruno reopens it from the resolved threads; Alice sees it open again.
    await panelOf(b).getByText('Fils résolus (1)').click();
    await thread(b).getByText('Résolu par Alice Relectrice', { exact: false }).waitFor();
    await expectNoAxeViolations(b, `${url} with resolved threads open`);
    await thread(b)
      .getByRole('button', { name: /^Rouvrir le fil/ })
      .click();
    await expect.poll(() => panelOf(a).getByText('Fils résolus (1)').count()).toBe(0);
    await expect.poll(() => editorOf(a).locator('.comment-highlight').textContent()).toBe(PASSAGE);

    // Alice deletes the passage: the thread keeps its quote, marked « passage supprimé ».
    await editorOf(a).locator('p', { hasText: PASSAGE }).selectText();
    await a.keyboard.press('Backspace');
    await thread(b).getByText('passage supprimé').waitFor();
    await thread(b).locator('s', { hasText: PASSAGE }).waitFor();

    // On a phone, the threads come below the text, and the page never scrolls sideways.
    await b.setViewportSize({ width: 390, height: 844 });
    const text = await editorOf(b).boundingBox();
    const panel = await panelOf(b).boundingBox();
    expect((panel?.y ?? 0) > (text?.y ?? 0) + (text?.height ?? 0) - 1).toBe(true);
    const overflow = await b.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(b, 'document-comments-390');
    await expectNoAxeViolations(b, `${url} with comments at 390 px`);

    expect(alice.problems).toEqual([]);
    expect(bruno.problems).toEqual([]);
  });
});
