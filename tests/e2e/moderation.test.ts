import { describe, expect, it } from 'vitest';
import { screenshot, VIEWPORTS } from '../support/browser';
import { expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';
import { waitForMail } from '../support/http';

const suite = useBrowserSuite({ admin: true });

const SPACE = 'mise-en-recits';
const TITLE = 'Nos récits de territoire';
const HOSTILE = 'Vos récits sont nuls et vous aussi, bande d’incapables.';

describe('moderation in the browser', () => {
  it('a member flags a hostile post through the dialog, the animatrice hides it from the queue, the author is told', async () => {
    const hector = await suite.person('Hector Hostile', { join: [SPACE] });
    const anne = await suite.person('Anne Animatrice', { join: [SPACE] });
    await suite.asAdmin('PATCH', `/api/spaces/${SPACE}/members/${anne.userId}`, { role: 'animateur' });
    const marc = await suite.person('Marc Membre', { join: [SPACE] });
    const created = await hector.page.request.post(`/api/spaces/${SPACE}/threads`, {
      headers: { 'x-csrf-token': hector.csrfToken },
      data: { title: TITLE, body: `<p>${HOSTILE}</p>` },
    });
    expect(created.status()).toBe(201);
    const { thread, post: written } = (await created.json()) as { thread: { id: string }; post: { id: string } };
    const threadUrl = `/espaces/${SPACE}/fils/${thread.id}`;

    // Marc reads the thread and reports the post: « Signaler », a reason, a note, « Envoyer ».
    const page = marc.page;
    await page.goto(threadUrl);
    // By its id: once hidden, its text is gone from Marc's page.
    const post = page.locator(`article#message-${written.id}`);
    await post.waitFor();
    const report = post.getByRole('button', { name: 'Signaler le message de Hector Hostile' });
    await report.click();
    const dialog = page.getByRole('dialog', { name: 'Signaler ce contenu' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'the flag dialog');
    await screenshot(page, 'moderation-signalement');
    await dialog.getByRole('radio', { name: 'Propos injurieux ou harcèlement' }).check();
    await dialog.getByLabel('Précisions (facultatif)').fill('Insultes envers les participant·es.');
    await dialog.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.getByText('Signalement envoyé').waitFor();
    await dialog.waitFor({ state: 'detached' });
    // Focus is back on the button that opened the dialog.
    await expect.poll(() => report.evaluate((element) => element === document.activeElement)).toBe(true);

    // Anne finds it in the space's « Modération » tab and hides it, with a note.
    const queuePage = anne.page;
    await queuePage.goto(`/espaces/${SPACE}?onglet=moderation`);
    const panel = queuePage.getByRole('tabpanel', { name: 'Modération' });
    const item = panel.getByRole('listitem').filter({ hasText: TITLE });
    await item.getByText('Propos injurieux ou harcèlement').waitFor();
    await item.getByText('« Insultes envers les participant·es. »').waitFor();
    await expectNoAxeViolations(queuePage, 'the moderation queue');
    await screenshot(queuePage, 'moderation-file');
    // The queue fits a 360 px phone.
    await queuePage.setViewportSize(VIEWPORTS.phone);
    expect(await queuePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      VIEWPORTS.phone.width,
    );
    await screenshot(queuePage, 'moderation-file-phone');
    await queuePage.setViewportSize(VIEWPORTS.desktop);
    await item.getByLabel('Note pour l’auteur·ice (facultatif)').fill('Merci de relire la charte.');
    await item.getByRole('button', { name: 'Masquer' }).click();
    await panel.getByText('Message masqué ; l’auteur·ice est prévenu·e.').waitFor();
    await panel.getByText('Aucun signalement en attente.').waitFor();
    await expectNoAxeViolations(queuePage, 'the emptied moderation queue');

    // Marc's page follows live: the post is now hidden for him.
    await post.getByText('Message masqué en attente de modération').waitFor();
    expect(await post.getByText(HOSTILE).count()).toBe(0);

    // Hector is told in the app and by mail; he still reads his post, under a banner.
    await hector.page.goto(threadUrl);
    const own = hector.page.getByRole('article').filter({ hasText: HOSTILE });
    await own.getByText('Message masqué en attente de modération', { exact: false }).waitFor();
    const bell = hector.page.getByRole('button', { name: '1 notification non lue' });
    await bell.click();
    await hector.page.getByText(`Anne Animatrice a masqué votre message dans « ${TITLE} »`, { exact: false }).waitFor();
    const mail = await waitForMail(
      suite.server().url,
      hector.email,
      (message) => message.subject === 'Modération : votre message a été masqué',
    );
    expect(mail.text).toContain('Merci de relire la charte.');
    expect(mail.text).not.toContain('Marc Membre');

    expect(marc.problems).toEqual([]);
    expect(anne.problems).toEqual([]);
  });
});
