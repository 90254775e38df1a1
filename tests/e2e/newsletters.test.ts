import { describe, expect, it } from 'vitest';
import { screenshot, VIEWPORTS } from '../support/browser';
import { expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';
import { type MailboxMessage, waitForMail } from '../support/http';

const suite = useBrowserSuite({ admin: true });

const SPACE = 'mise-en-recits';
const SUBJECT = 'Les nouvelles de Mise en récits';
const EVENT = 'Atelier récits de territoire';

describe('infolettres in the browser', () => {
  it('an animateur composes with a block from the space, previews, sends; a member reads it on a phone and by mail', async () => {
    // Anne animates Mise en récits (the admin makes her animatrice); Marc is a member, on his phone.
    const anne = await suite.person('Anne Animatrice', { join: [SPACE] });
    await suite.asAdmin('PATCH', `/api/spaces/${SPACE}/members/${anne.userId}`, { role: 'animateur' });
    const marc = await suite.person('Marc Membre', { join: [SPACE], viewport: 'phone' });
    // The space's next event, which Anne will announce.
    const space = (await suite.asAdmin('GET', `/api/spaces/${SPACE}`)) as { space: { id: string } };
    const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const created = (await suite.asAdmin('POST', '/api/events', {
      title: EVENT,
      kind: 'atelier',
      spaceId: space.space.id,
      startsAt: `${day}T09:00:00+01:00`,
      endsAt: `${day}T11:00:00+01:00`,
      timezone: 'Europe/Paris',
    })) as { event: { id: string } };
    const eventUrl = `${suite.server().url}/evenements/${created.event.id}`;

    // From the space's « Infolettres » tab to the composer.
    const page = anne.page;
    await page.goto(`/espaces/${SPACE}?onglet=infolettres`);
    const tab = page.getByRole('tabpanel', { name: 'Infolettres' });
    await tab.getByText('Une infolettre envoyée maintenant partirait à 2 personnes.').waitFor();
    await tab.getByRole('link', { name: 'Écrire une infolettre' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle infolettre' }).waitFor();
    await page.getByText('Elle partira à 2 personnes', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'the newsletter composer');

    // Subject, a first line, then the event from « Insérer depuis l’espace », by keyboard.
    await page.getByLabel('Objet').fill(SUBJECT);
    const body = page.getByRole('textbox', { name: 'Contenu de l’infolettre' });
    await body.click();
    await page.keyboard.type('Bonjour à toutes et tous, voici le prochain rendez-vous :');
    await page.keyboard.press('Enter');
    const insert = page.getByRole('button', { name: 'Insérer depuis l’espace' });
    await insert.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.getByRole('group', { name: 'Prochains événements' }).waitFor();
    // Opened from the keyboard, the menu starts on its first item: the coming event.
    const item = menu.getByRole('menuitem', { name: new RegExp(EVENT) });
    await expect.poll(() => item.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await body.getByRole('link', { name: EVENT }).waitFor();
    // Focus is back in the text, where the block landed.
    await expect.poll(() => body.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.getByText(`« ${EVENT} » a été inséré dans l’infolettre.`).waitFor();

    // « Aperçu » saves the draft and shows it as recipients will get it, links made absolute.
    await page.getByRole('button', { name: 'Aperçu' }).click();
    const preview = page.getByRole('region', { name: 'Aperçu' });
    await preview.getByText(SUBJECT).waitFor();
    expect(await preview.getByRole('link', { name: EVENT }).getAttribute('href')).toBe(eventUrl);
    await preview
      .getByText('Vous recevez cette infolettre parce que vous êtes membre de l’espace « Mise en récits ».')
      .waitFor();
    await page.getByText('Brouillon enregistré.').waitFor();
    await expectNoAxeViolations(page, 'the composer with its preview');
    // The composer fits a phone too.
    await page.setViewportSize(VIEWPORTS.phone);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await screenshot(page, 'infolettre-composer-phone');
    await page.setViewportSize(VIEWPORTS.desktop);

    // « Envoyer… » asks first, naming how many people it goes to.
    await page.getByRole('button', { name: 'Envoyer…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Envoyer l’infolettre ?' });
    await dialog.getByText(`« ${SUBJECT} » partira maintenant à 2 personnes`, { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'the send confirmation');
    await dialog.getByRole('button', { name: 'Envoyer à 2 personnes' }).click();

    // The page follows the send: « Envoyée le … à 2 personnes », both mails delivered.
    await page.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    await page.getByText(/^Envoyée le .+ à 2 personnes\.$/).waitFor({ timeout: 20_000 });
    const delivery = page.getByRole('region', { name: 'Remise des courriels' });
    await expect.poll(() => delivery.locator('dd').allTextContents(), { timeout: 20_000 }).toEqual(['2', '0', '0']);
    await expectNoAxeViolations(page, 'the sent newsletter, as its animatrice');
    await page.getByRole('link', { name: 'Infolettres de l’espace « Mise en récits »' }).click();
    const sentList = page.getByRole('tabpanel', { name: 'Infolettres' });
    await sentList.getByRole('heading', { name: 'Infolettres envoyées' }).waitFor();
    await sentList.getByRole('link', { name: SUBJECT }).waitFor();
    expect(await sentList.getByRole('heading', { name: 'Brouillons' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'the « Infolettres » tab, as its animatrice');
    await screenshot(page, 'infolettres-onglet');

    // Marc finds it in the space's archive, on his phone, and reads it.
    const phone = marc.page;
    await phone.goto(`/espaces/${SPACE}?onglet=infolettres`);
    const archive = phone.getByRole('tabpanel', { name: 'Infolettres' });
    await archive.getByRole('checkbox', { name: 'Recevoir les infolettres de cet espace par courriel' }).waitFor();
    expect(await archive.getByRole('link', { name: 'Écrire une infolettre' }).count()).toBe(0);
    await archive.getByRole('link', { name: SUBJECT }).click();
    await phone.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    expect(await phone.getByRole('link', { name: EVENT }).getAttribute('href')).toBe(eventUrl);
    await phone.getByText(/^Envoyée le .+ à 2 personnes\.$/).waitFor();
    // A reader sees the issue, not how its mails went.
    expect(await phone.getByRole('region', { name: 'Remise des courriels' }).count()).toBe(0);
    await expectNoAxeViolations(phone, 'the newsletter on a phone, as a member');
    await screenshot(phone, 'infolettre-phone');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);

    // And in his mailbox: the text part with the event's address, and one-click unsubscribe.
    const mail = (await waitForMail(suite.server().url, marc.email, (m) => m.subject === SUBJECT)) as MailboxMessage & {
      headers?: Record<string, string>;
    };
    expect(mail.text).toContain(`${EVENT} (${eventUrl})`);
    expect(mail.text).toContain('Bonjour à toutes et tous, voici le prochain rendez-vous :');
    expect(mail.html).toContain(`href="${eventUrl}"`);
    expect(mail.headers?.['List-Unsubscribe']).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/api\/unsubscribe\/[^>]+>$/);
    expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toMatch(
      /Ne plus recevoir les infolettres de cet espace\s: http:\/\/127\.0\.0\.1:\d+\/desabonnement\//,
    );

    expect(anne.problems).toEqual([]);
    expect(marc.problems).toEqual([]);
  });
});
