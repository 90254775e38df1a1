import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { expectNoAxeViolations, type Person, useBrowserSuite } from '../support/browser-suite';
import { type MailboxMessage, waitForMail } from '../support/http';

// Mails about posts go out at once instead of waiting to be grouped with the next ones.
const suite = useBrowserSuite({ env: { MAIL_GROUP_SECONDS: '0' } });

const SETTINGS = '/profil/courriels';
const mentionsGroup = (page: Page) => page.getByRole('radiogroup', { name: 'Quand un·e membre vous mentionne' });
const repliesGroup = (page: Page) => page.getByRole('radiogroup', { name: 'Quand un·e membre répond' });
const remindersGroup = (page: Page) => page.getByRole('radiogroup', { name: 'Rappels d’événements' });
/** A setting's own status line, beside its control. */
const statusOf = (page: Page, control: Locator) =>
  page.locator('.mail-settings__setting').filter({ has: control }).getByRole('status');

async function settingsOf(person: Person) {
  const response = await person.page.request.get('/api/me/notification-settings');
  expect(response.status()).toBe(200);
  return (await response.json()) as {
    mentions: string;
    replies: string;
    reminders: string;
    spaces: { slug: string; mode: string }[];
  };
}

/** The address a mail client would post to, as the mail's `List-Unsubscribe` header gives it. */
function unsubscribeToken(mail: MailboxMessage & { headers?: Record<string, string> }): string {
  const header = mail.headers?.['List-Unsubscribe'] ?? '';
  const token = /<https?:\/\/[^>]+\/api\/unsubscribe\/([^>/]+)>/.exec(header)?.[1];
  if (!token) throw new Error(`no List-Unsubscribe address in the mail « ${mail.subject} »: ${JSON.stringify(mail)}`);
  return token;
}

describe('mail settings in the browser', () => {
  it('shows the defaults, saves each choice as it is made, and keeps them after a reload, on a phone', async () => {
    const person = await suite.person('Lou Réglages', {
      join: ['mise-en-recits', 'representations-systemiques'],
      viewport: 'phone',
    });
    const { page, problems } = person;

    await page.goto('/profil');
    await page.getByRole('link', { name: 'Choisir mes courriels' }).click();
    await page.waitForURL((url) => url.pathname === SETTINGS);
    await page.getByRole('heading', { level: 1, name: 'Courriels et notifications' }).waitFor();

    // A plain member of a communauté and of a chantier: a weekly digest of both, every mention and reply.
    const recits = page.getByLabel('Mise en récits');
    const systemiques = page.getByLabel('Représentations systémiques');
    expect(await recits.inputValue()).toBe('weekly');
    expect(await systemiques.inputValue()).toBe('weekly');
    expect(await mentionsGroup(page).getByRole('radio', { name: 'À chaque mention' }).isChecked()).toBe(true);
    expect(await repliesGroup(page).getByRole('radio', { name: 'À chaque réponse' }).isChecked()).toBe(true);
    expect(await remindersGroup(page).getByRole('radio', { name: 'La veille et une heure avant' }).isChecked()).toBe(
      true,
    );
    await page
      .getByText(
        'Par défaut : un résumé par jour pour les cohortes et les chantiers que vous animez, par semaine pour les autres espaces.',
      )
      .waitFor();
    await expectNoAxeViolations(page, SETTINGS);

    await systemiques.selectOption({ label: 'Un résumé par jour' });
    await statusOf(page, systemiques).getByText('Enregistré').waitFor();
    await mentionsGroup(page).getByText('Jamais').click();
    await statusOf(page, mentionsGroup(page)).getByText('Enregistré').waitFor();
    // One « Enregistré » at a time: the space's went when the mentions changed.
    expect(await statusOf(page, systemiques).textContent()).toBe('');
    await screenshot(page, 'courriels-reglages-phone');
    await expectNoAxeViolations(page, `${SETTINGS} after saving`);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Courriels et notifications' }).waitFor();
    await systemiques.waitFor();
    expect(await systemiques.inputValue()).toBe('daily');
    expect(await recits.inputValue()).toBe('weekly');
    expect(await mentionsGroup(page).getByRole('radio', { name: 'Jamais' }).isChecked()).toBe(true);
    expect(await repliesGroup(page).getByRole('radio', { name: 'À chaque réponse' }).isChecked()).toBe(true);
    expect((await settingsOf(person)).reminders).toBe('each');

    // Another tab of Lou's leaves Mise en récits: this page's change is refused, and it says why.
    const left = await page.request.delete('/api/spaces/mise-en-recits/membership', {
      headers: { 'x-csrf-token': person.csrfToken },
    });
    expect(left.status()).toBe(204);
    await recits.selectOption({ label: 'Rien' });
    await page.getByRole('alert').getByText('Vous ne faites pas partie de cet espace (ou plus).').waitFor();
    await expect.poll(() => recits.inputValue()).toBe('weekly');
    expect(await statusOf(page, recits).textContent()).toBe('');
    expect(problems).toEqual([]);
  });

  it('stops the mentions mails from the link of a mention mail, signed out, and undoes it', async () => {
    const reader = await suite.person('Nina Mention', { join: ['mise-en-recits'] });
    const author = await suite.person('Paul Auteur', { join: ['mise-en-recits'] });
    const started = await author.page.request.post('/api/spaces/mise-en-recits/threads', {
      headers: { 'x-csrf-token': author.csrfToken },
      data: { title: 'Un récit à partager', body: '<p>Qu’en penses-tu, @Nina Mention ?</p>' },
    });
    expect(started.status(), await started.text()).toBe(201);
    const mail = await waitForMail(
      suite.server().url,
      reader.email,
      (message) => /mentionné/.test(message.subject),
      30_000,
    );
    const token = unsubscribeToken(mail);

    // Opened from the mail on a device where Nina is not signed in.
    const { page, problems } = await suite.visitor('phone');
    await page.goto(`/desabonnement/${token}`);
    await page.getByRole('heading', { level: 1, name: 'Désabonnement' }).waitFor();
    await page.getByText('Vous ne recevrez plus de courriel quand un·e membre vous mentionne.').waitFor();
    expect((await settingsOf(reader)).mentions).toBe('off');
    await screenshot(page, 'desabonnement-phone');
    await expectNoAxeViolations(page, '/desabonnement/:token');

    await page.getByRole('button', { name: 'Annuler' }).click();
    const restored = 'C’est annulé : vous recevez de nouveau un courriel à chaque mention.';
    await page.getByText(restored).waitFor();
    // The button went with what it undid: the focus is on the sentence saying so.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(restored);
    expect(await page.getByRole('button', { name: 'Annuler' }).count()).toBe(0);
    expect((await settingsOf(reader)).mentions).toBe('each');
    await expectNoAxeViolations(page, '/desabonnement/:token after « Annuler »');

    // « Gérer tous vos courriels » goes through the sign-in page and comes back to the settings.
    await page.getByRole('link', { name: 'Gérer tous vos courriels' }).click();
    await page.waitForURL((url) => url.pathname === '/connexion');
    await page.getByLabel('Adresse courriel').fill(reader.email);
    await page.getByLabel('Mot de passe').fill(reader.password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.waitForURL((url) => url.pathname === SETTINGS);
    await mentionsGroup(page).waitFor();
    expect(await mentionsGroup(page).getByRole('radio', { name: 'À chaque mention' }).isChecked()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('says so, without breaking, when the link is not one of ours', async () => {
    const { page, problems } = await suite.visitor();
    const forged = `${Buffer.from('00000000-0000-4000-8000-000000000000:mentions').toString('base64url')}.pas-une-signature`;
    await page.goto(`/desabonnement/${forged}`);
    await page.getByRole('heading', { level: 1, name: 'Désabonnement' }).waitFor();
    await page.getByRole('alert').getByText('Ce lien de désabonnement n’est pas valide').waitFor();
    expect(await page.getByRole('button', { name: 'Annuler' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Gérer tous vos courriels' }).waitFor();
    await expectNoAxeViolations(page, '/desabonnement/ with a forged token');
    expect(problems).toEqual([]);
  });
});
